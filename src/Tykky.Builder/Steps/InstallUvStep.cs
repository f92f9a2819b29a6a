using Tykky.Builder.Config;
using Tykky.Builder.Packages;

namespace Tykky.Builder.Steps;

/// <summary>
/// --uv: puts uv into the image (<c>&lt;installation_path&gt;/uv/bin/uv</c>) with its installer
/// (uv_installer: the official script by default, as upstream templates/uvenv.sh), unless an update
/// finds it there already.
/// </summary>
public sealed class InstallUvStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Installing uv";

    /// <summary>uv's path inside the container.</summary>
    public static string UvExecutable(BuildConfig config) => $"{PackageLayout.UvRoot(config.InstallationPath)}/bin/uv";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var uv = UvExecutable(config);
        if (File.Exists(context.OnHost(uv)))
        {
            context.Reporter.Info($"uv is already in the installation ({uv})");
            return;
        }
        var installer = InstallerSource.Fetch(context, config.Packages.UvInstaller, "uv-installer.sh");
        try
        {
            var command = PackageShell.Command(context, "installing uv", ShellSetup.None, ["sh", installer]);
            context.Runner.Run(command with
            {
                Environment = Sandbox.Merge(command.Environment, new Dictionary<string, string?>
                {
                    ["UV_UNMANAGED_INSTALL"] = Path.GetDirectoryName(uv),
                    ["UV_PRINT_QUIET"] = "1",
                }),
            });
        }
        finally
        {
            StagedInput.RemoveAll(context);
        }
        if (!File.Exists(context.OnHost(uv)))
        {
            throw new BuildException($"The uv installer ({config.Packages.UvInstaller}, uv_installer) did not put uv at {uv}; check the installer");
        }
    }
}
