using System.Text.Json;
using Tykky.Builder.Processes;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>
/// Runs commands inside the container during the build, through the real launcher: a small prefix in
/// the build directory whose manifest mounts the install tree read-write at the installation path.
/// Builds therefore exercise exactly the launch path the installation will use.
/// </summary>
public static class Sandbox
{
    /// <summary>Creates the sandbox prefix.</summary>
    public static void Create(BuildContext context)
    {
        var prefix = context.SandboxPrefix;
        Directory.CreateDirectory(Path.Join(prefix, InstallationLayout.BinDirectory));
        Directory.CreateDirectory(Path.Join(prefix, InstallationLayout.RealBinDirectory));
        File.CreateSymbolicLink(Path.Join(prefix, InstallationLayout.LauncherFileName), context.Tool.Launcher);
        File.CreateSymbolicLink(Path.Join(prefix, InstallationLayout.BinDirectory, InstallationLayout.DebugExec), "../" + InstallationLayout.LauncherFileName);
        var container = context.Container is { } staged ? staged with { Path = Path.Join(context.StagingDirectory, staged.Path) } : null;
        var manifest = ManifestFactory.Create(context, new ImageSpec { Path = context.InstallTree, Kind = ImageKind.Directory }, container, []);
        File.WriteAllBytes(Path.Join(prefix, InstallationLayout.ManifestFileName), JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.InstallationManifest));
    }

    /// <summary>The command that runs <paramref name="argv"/> inside, in the configured working directory.</summary>
    public static ToolCommand Command(BuildContext context, string description, IReadOnlyList<string> argv) =>
        new(description, [Path.Join(context.SandboxPrefix, InstallationLayout.BinDirectory, InstallationLayout.DebugExec), .. argv])
        {
            WorkingDirectory = context.Config.Workdir,
            Environment = new Dictionary<string, string?>
            {
                ["CW_INSTALLATION_PATH"] = context.Config.InstallationPath,
                ["install_root"] = context.Config.InstallationPath,
                ["env_root"] = context.Config.InstallationPath,
            },
        };
}
