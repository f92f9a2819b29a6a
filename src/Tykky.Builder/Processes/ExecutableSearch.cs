using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Processes;

/// <summary>
/// Finds programs the build records by absolute path (runtime, squashfuse, mksquashfs). Directories
/// that are a Tykky installation's <c>bin/</c> are skipped: a wrapper must never be taken for the
/// runtime (it would start itself).
/// </summary>
public static class ExecutableSearch
{
    /// <summary>The absolute path of <paramref name="nameOrPath"/>, or null when not found.</summary>
    public static string? Find(string nameOrPath, string? searchPath)
    {
        if (nameOrPath.Contains('/'))
        {
            return IsExecutableFile(nameOrPath) ? Path.GetFullPath(nameOrPath) : null;
        }
        return (searchPath ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Where(directory => directory.StartsWith('/') && !IsInstallationBin(directory))
            .Select(directory => Path.Join(directory, nameOrPath))
            .FirstOrDefault(IsExecutableFile);
    }

    /// <summary>The entries of <paramref name="searchPath"/> that are Tykky installations' bin directories.</summary>
    public static IEnumerable<string> InstallationBins(string? searchPath) =>
        (searchPath ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Where(IsInstallationBin);

    private static bool IsInstallationBin(string directory) =>
        File.Exists(Path.Join(directory, "..", InstallationLayout.ManifestFileName));

    private static bool IsExecutableFile(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
