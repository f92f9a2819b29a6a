using Tykky.Builder.Config;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>
/// Refuses an installation whose launches cannot start because the container hides what they need
/// (issue #9.6): in host mode the image is mounted over installation_path (with --mask, the wrapped
/// directory itself) and excluded_mount_points are not bound, so neither may cover the system
/// directories, the runtime, squashfuse or the installation's own prefix. Pure but for resolving links.
/// </summary>
public static class LaunchVisibility
{
    /// <summary>System directories every launch needs inside: squashfuse's and the programs' libraries, /etc, and the kernel's filesystems.</summary>
    private static readonly string[] SystemDirectories = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/proc", "/dev", "/sys"];

    /// <summary>A <see cref="BuildException"/> naming what <paramref name="config"/> hides from launches with <paramref name="runtime"/>.</summary>
    public static void Check(BuildConfig config, RuntimeSpec runtime)
    {
        if (config.Isolate)
        {
            return; // an isolated container brings its own root; only mount_points come from the host
        }
        var needs = Needs(config, runtime).ToArray();
        var hint = config.MaskWrapInstall
            ? $"; --mask mounts the image over '{config.InstallationPath}' and leaves '{TopLevel(config.InstallationPath)}' unbound: wrap it without --mask"
            : "";
        foreach (var (hidden, how, isImage) in Hiders(config))
        {
            // the launcher binds the prefix on its own, so only the image mounted over it hides it
            if (needs.Where(need => isImage || !need.BoundOnItsOwn).FirstOrDefault(need => Hides(hidden, need.Path, need.Partly)) is { Path: not null } found)
            {
                throw new BuildException($"{how} hides {found.Path} ({found.Why}), which every launch needs{hint}");
            }
        }
    }

    /// <summary>What the container covers: the image at the installation path, and the unbound top-level directories.</summary>
    private static IEnumerable<(string Path, string How, bool IsImage)> Hiders(BuildConfig config) =>
    [
        (config.InstallationPath, $"The image mounted at '{config.InstallationPath}' (installation_path)", true),
        .. config.ExcludedMountPoints.Select(excluded => (excluded.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/", $"Leaving '{excluded}' unbound (excluded_mount_points)", false)),
    ];

    /// <summary>
    /// What launches need inside. <c>Partly</c>: hiding a part of it is as bad as hiding all of it (a
    /// system directory). <c>BoundOnItsOwn</c>: the launcher binds it whatever else is bound (the prefix).
    /// </summary>
    private static IEnumerable<(string Path, string Why, bool Partly, bool BoundOnItsOwn)> Needs(BuildConfig config, RuntimeSpec runtime)
    {
        foreach (var directory in SystemDirectories)
        {
            yield return (directory, "a system directory", true, false);
        }
        var files = new[] { (runtime.Executable, "the runtime", false), (runtime.Squashfuse, "squashfuse, which mounts the image", false), (config.InstallationPrefix, "the installation's prefix with its launcher", true) };
        foreach (var (path, why, bound) in files)
        {
            if (path is not null)
            {
                yield return (path, why, false, bound);
                yield return (Native.PosixDirectories.Canonical(path), why, false, bound);
            }
        }
    }

    private static bool Hides(string hidden, string need, bool partly) =>
        hidden == "/" || Within(need, hidden) || (partly && Within(hidden, need));

    private static bool Within(string path, string directory) =>
        path == directory || path.StartsWith(directory + "/", StringComparison.Ordinal);

    private static string TopLevel(string path) => "/" + path.TrimStart('/').Split('/')[0];
}
