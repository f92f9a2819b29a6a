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
        // a copy, not a link into the tool's tree: an isolated container sees only its mount points and this prefix
        File.Copy(context.Tool.Launcher, Path.Join(prefix, InstallationLayout.LauncherFileName));
        File.CreateSymbolicLink(Path.Join(prefix, InstallationLayout.BinDirectory, InstallationLayout.DebugExec), "../" + InstallationLayout.LauncherFileName);
        var container = context.Container is { } staged ? staged with { Path = context.ContainerOnHost! } : null;
        // its _bin is empty: _debug_exec is the only wrapper, and it runs no program of its own
        var manifest = ManifestFactory.Create(context, new ImageSpec { Path = context.InstallTree, Kind = ImageKind.Directory }, container, [], new Dictionary<string, string>());
        File.WriteAllBytes(Path.Join(prefix, InstallationLayout.ManifestFileName), JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.InstallationManifest));
    }

    /// <summary>
    /// The command that runs <paramref name="argv"/> inside, in the configured working directory, with
    /// CW_INSTALLATION_PATH, install_root (the installation path) and env_root (the environment: the
    /// venv, the conda environment, or the installation path) set, as upstream's templates did.
    /// </summary>
    public static ToolCommand Command(BuildContext context, string description, IReadOnlyList<string> argv) =>
        new(description, [Path.Join(context.SandboxPrefix, InstallationLayout.BinDirectory, InstallationLayout.DebugExec), .. argv])
        {
            WorkingDirectory = context.Config.Workdir,
            Environment = new Dictionary<string, string?>
            {
                ["CW_INSTALLATION_PATH"] = context.Config.InstallationPath,
                ["install_root"] = context.Config.InstallationPath,
                ["env_root"] = Config.PackageLayout.EnvironmentRoot(context.Config),
            },
        };

    /// <summary><paramref name="first"/> with the entries of <paramref name="second"/> set over it.</summary>
    public static IReadOnlyDictionary<string, string?> Merge(IReadOnlyDictionary<string, string?> first, IReadOnlyDictionary<string, string?>? second)
    {
        var merged = new Dictionary<string, string?>(first, StringComparer.Ordinal);
        foreach (var (name, value) in second ?? new Dictionary<string, string?>())
        {
            merged[name] = value;
        }
        return merged;
    }
}
