using Tykky.Builder.Native;
using Tykky.Builder.Reporting;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>
/// The directories a build creates and what happens to them: on success the staged installation is
/// moved into the prefix and the build directory removed; on failure or Ctrl-C nothing half-written
/// stays in the prefix, and the build directory is removed (kept with CW_DEBUG_KEEP_FILES).
/// </summary>
public sealed class BuildSession : IDisposable
{
    /// <summary>Deployed entries, in order; bin/ last so that the wrappers appear only when all they need is there.</summary>
    private static readonly string[] DeployOrder = ["share", InstallationLayout.RealBinDirectory, InstallationLayout.LauncherFileName, InstallationLayout.ManifestFileName, InstallationLayout.BinDirectory];

    private readonly Reporter _reporter;
    private readonly bool _keepOnFailure;
    private readonly bool _createdPrefix;
    private bool _deployed;

    private BuildSession(string buildDirectory, string stagingDirectory, string prefix, bool createdPrefix, Reporter reporter, bool keepOnFailure)
    {
        BuildDirectory = buildDirectory;
        StagingDirectory = stagingDirectory;
        Prefix = prefix;
        _createdPrefix = createdPrefix;
        _reporter = reporter;
        _keepOnFailure = keepOnFailure;
    }

    /// <summary>The private build directory.</summary>
    public string BuildDirectory { get; }

    /// <summary>Where the installation is assembled, inside the prefix (same filesystem, prefix's group).</summary>
    public string StagingDirectory { get; }

    /// <summary>The installation prefix.</summary>
    public string Prefix { get; }

    /// <summary>Creates the build directory under <paramref name="buildBase"/> and the staging directory in <paramref name="prefix"/>.</summary>
    public static BuildSession Open(string buildBase, string prefix, Reporter reporter, bool keepOnFailure)
    {
        Directory.CreateDirectory(buildBase);
        var createdPrefix = !Directory.Exists(prefix);
        Directory.CreateDirectory(prefix);
        var buildDirectory = PosixDirectories.CreateUnique(buildBase, "cw-");
        var staging = Directory.CreateDirectory(Path.Join(prefix, $".tykky-staging-{Path.GetFileName(buildDirectory)}")).FullName;
        reporter.Debug($"Build directory: {buildDirectory}");
        return new BuildSession(buildDirectory, staging, prefix, createdPrefix, reporter, keepOnFailure);
    }

    /// <summary>
    /// Moves the staged files into the prefix. An update replaces the entries it rebuilt: a file by a
    /// rename over the old one (atomic; programs still running from the old image keep it open), a
    /// directory by moving the old one aside first; what was replaced goes with the staging directory.
    /// </summary>
    public void Deploy(IReadOnlyList<string> extraEntries)
    {
        var replaced = Directory.CreateDirectory(Path.Join(StagingDirectory, ".replaced")).FullName;
        foreach (var name in extraEntries.Concat(DeployOrder))
        {
            var staged = Path.Join(StagingDirectory, name);
            var target = Path.Join(Prefix, name);
            if (!Exists(staged))
            {
                continue;
            }
            if (Exists(target) && (IsDirectory(staged) || IsDirectory(target)))
            {
                Directory.Move(target, Path.Join(replaced, name));
            }
            if (IsDirectory(staged))
            {
                Directory.Move(staged, target);
            }
            else
            {
                File.Move(staged, target, overwrite: true);
            }
        }
        DeleteQuietly(StagingDirectory);
        _deployed = true;
    }

    /// <summary>True for a file, a directory or a symbolic link (even a dangling one).</summary>
    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>A real directory, not a link to one.</summary>
    private static bool IsDirectory(string path) => Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null;

    /// <summary>Removes what must not stay behind.</summary>
    public void Dispose()
    {
        if (!_deployed)
        {
            DeleteQuietly(StagingDirectory);
            if (_createdPrefix && Directory.Exists(Prefix) && !Directory.EnumerateFileSystemEntries(Prefix).Any())
            {
                Directory.Delete(Prefix);
            }
        }
        if (!_deployed && _keepOnFailure)
        {
            _reporter.Error($"Build files kept in {BuildDirectory} (CW_DEBUG_KEEP_FILES is set); remove them when done");
            return;
        }
        DeleteQuietly(BuildDirectory);
    }

    private void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                MakeOwnerWritable(directory);
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _reporter.Warning($"Could not remove {directory}: {e.Message}; remove it by hand");
        }
    }

    /// <summary>Installed trees may hold read-only directories (pip does that); deletion needs write permission.</summary>
    private static void MakeOwnerWritable(string directory)
    {
        foreach (var sub in Directory.EnumerateDirectories(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).Prepend(directory))
        {
            File.SetUnixFileMode(sub, File.GetUnixFileMode(sub) | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
