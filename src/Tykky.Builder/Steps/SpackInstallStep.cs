using Tykky.Builder.Config;
using Tykky.Builder.Packages;

namespace Tykky.Builder.Steps;

/// <summary>
/// spack-containerize: concretizes the environment (a new one afresh with <c>-f</c>; an update adds to
/// what is installed, which Spack reuses, so paths and hashes stay) and installs it, stopping at the
/// first failure. Spack writes the install tree, its database and the view inside the image.
/// </summary>
public sealed class SpackInstallStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Concretizing and installing the Spack environment";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        context.Runner.Run(SpackBuild.Command(context, "concretizing the Spack environment", config.UpdateInstallation ? ["concretize"] : ["concretize", "-f"]));
        context.Runner.Run(SpackBuild.Command(context, "installing the Spack environment", InstallArguments(config.Spack)));
    }

    /// <summary>The arguments of <c>spack install</c>: --use-buildcache only when the policy is not Spack's default. Pure.</summary>
    public static string[] InstallArguments(SpackSettings settings) => settings.Buildcache == SpackBuildcachePolicy.Auto
        ? ["install", "--fail-fast"]
        : ["install", "--fail-fast", "--use-buildcache", SpackSettings.PolicyName(settings.Buildcache)];
}
