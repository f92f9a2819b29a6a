using Tykky.Builder.Config;
using Tykky.Builder.Packages;

namespace Tykky.Builder.Steps;

/// <summary>
/// conda-containerize: installs Miniforge into <c>&lt;installation_path&gt;/miniforge</c> with its
/// installer in batch mode (upstream templates/conda.sh). The installer comes from miniforge_installer
/// (a URL or a local file; by default the release of conda_version for conda_arch). An update keeps the
/// Miniforge it finds.
/// </summary>
public sealed class InstallMiniforgeStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Installing Miniforge";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var root = PackageLayout.MiniforgeRoot(config.InstallationPath);
        var conda = PackageLayout.CondaExecutable(config.InstallationPath);
        if (File.Exists(context.OnHost(conda)))
        {
            context.Reporter.Info($"Miniforge is already in the installation ({root})");
            CheckPackageManager(context, "the installation's Miniforge");
            return;
        }
        context.Reporter.Info($"Miniforge installer: {config.Packages.MiniforgeInstaller}");
        var installer = InstallerSource.Fetch(context, config.Packages.MiniforgeInstaller, "miniforge-installer.sh");
        using var home = CondaHome.Create(context);
        try
        {
            var command = PackageShell.Command(context, "installing Miniforge", ShellSetup.None, ["bash", installer, "-b", "-p", root]);
            context.Runner.Run(command with { Environment = Sandbox.Merge(command.Environment, PackageShell.CondaOnlyVariables(context, home.PathInside)) });
        }
        finally
        {
            StagedInput.RemoveAll(context);
        }
        if (!File.Exists(context.OnHost(conda)))
        {
            throw new BuildException($"The Miniforge installer ({config.Packages.MiniforgeInstaller}, miniforge_installer) did not create {conda}; check that it is a Miniforge installer");
        }
        CheckPackageManager(context, $"the Miniforge installed from {config.Packages.MiniforgeInstaller} (miniforge_installer)");
    }

    /// <summary>--mamba needs mamba in Miniforge: checked here, not by a launcher error when the environment is created.</summary>
    private static void CheckPackageManager(BuildContext context, string miniforge)
    {
        var tool = PackageLayout.PackageManager(context.Config.InstallationPath, context.Config.Packages);
        if (context.Config.Packages.Mamba && !File.Exists(context.OnHost(tool)))
        {
            throw new BuildException($"--mamba (mamba: yes) needs {tool}, and {miniforge} has no mamba; use a Miniforge release that includes mamba, or build without --mamba");
        }
    }
}
