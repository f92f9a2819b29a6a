using Tykky.Builder.Config;
using Tykky.Builder.Packages;

namespace Tykky.Builder.Steps;

/// <summary>
/// pip-containerize: creates the venv at <c>&lt;installation_path&gt;/&lt;env_name&gt;</c> with the
/// container's <c>python3 -m venv</c>, or <c>uv venv</c> with a uv-managed Python of version pyver kept in
/// the image (upstream templates/venv.sh, uvenv.sh). An update keeps the existing venv.
/// </summary>
public sealed class CreateVenvStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Creating the Python virtual environment";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var venv = PackageLayout.EnvironmentRoot(config);
        if (File.Exists(context.OnHost($"{venv}/pyvenv.cfg")))
        {
            context.Reporter.Info($"The installation's venv {venv} is kept");
            return;
        }
        context.Runner.Run(PackageShell.Command(context, "creating the virtual environment", ShellSetup.None, Argv(config, venv)));
    }

    /// <summary>The command line that creates <paramref name="venv"/>. Pure.</summary>
    public static IReadOnlyList<string> Argv(BuildConfig config, string venv)
    {
        var packages = config.Packages;
        string[] systemSite = packages.SystemSitePackages ? ["--system-site-packages"] : [];
        return packages.UseUv
            ? [InstallUvStep.UvExecutable(config), "venv", "--python", packages.PythonVersion, "--managed-python", .. systemSite,
                .. packages.PipCache ? Array.Empty<string>() : ["--no-cache"], "--no-config", "--link-mode=copy", venv]
            : ["python3", "-m", "venv", .. systemSite, venv];
    }
}
