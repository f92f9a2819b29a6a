using Tykky.Builder.Packages;

namespace Tykky.Builder.Steps;

/// <summary>
/// spack-containerize new: records the host's compilers (<c>spack compiler find</c>, unless the
/// environment file lists compilers:) and build tools (<c>spack external find --not-buildable</c> of
/// spack_externals) in the environment, so that an offline build does not try to build cmake, curl and
/// openssl from source. Both write into env/spack.yaml, where later updates find them.
/// </summary>
public sealed class FindSpackBuildToolsStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Finding compilers and build tools for Spack";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var environment = SpackEnvironmentFile.Read(WriteSpackEnvironmentStep.ManifestOnHost(context), context.Config.InstallationPath);
        if (!environment.SpackKeys.Contains("compilers"))
        {
            context.Runner.Run(SpackBuild.Command(context, "finding compilers (spack compiler find)", "compiler", "find"));
        }
        if (context.Config.Spack.Externals is { Count: > 0 } externals)
        {
            context.Runner.Run(SpackBuild.Command(context, "finding build tools (spack external find)", ["external", "find", "--not-buildable", .. externals]));
        }
    }
}
