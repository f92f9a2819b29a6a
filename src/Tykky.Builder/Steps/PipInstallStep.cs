using Tykky.Builder.Config;
using Tykky.Builder.Packages;

namespace Tykky.Builder.Steps;

/// <summary>
/// Installs the requirements file into the environment, activated (the venv or the conda environment),
/// with pip or uv. pip's own configuration (PIP_INDEX_URL, PIP_FIND_LINKS, PIP_NO_INDEX, pip.conf)
/// reaches it: the container sees the caller's environment and, in host mode, the user's files.
/// </summary>
public sealed class PipInstallStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Installing the requirements file";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var requirements = context.Config.Packages.RequirementsFile ?? throw new InvalidOperationException("the step is added only with a requirements file");
        using var staged = StagedInput.For(context, requirements);
        context.Runner.Run(PackageShell.Command(context, $"installing the requirements of {requirements}", ShellSetup.Activated, Argv(context.Config, staged.PathInside)));
    }

    /// <summary>The command line that installs <paramref name="requirementsInside"/> in the activated environment. Pure.</summary>
    public static IReadOnlyList<string> Argv(BuildConfig config, string requirementsInside)
    {
        var packages = config.Packages;
        if (packages.UseUv)
        {
            string uv = config.Mode == BuildMode.Venv ? InstallUvStep.UvExecutable(config) : "uv";
            return [uv, "pip", "install", "--link-mode=copy", "--compile-bytecode", .. packages.PipCache ? Array.Empty<string>() : ["--no-cache"], "-r", requirementsInside];
        }
        return ["python", "-m", "pip", "install", "--disable-pip-version-check", .. packages.PipCache ? Array.Empty<string>() : ["--no-cache-dir"], "-r", requirementsInside];
    }
}
