using Tykky.Builder.Reporting;

namespace Tykky.Builder.Deploy;

/// <summary>Removes a build's directories, also read-only trees (pip makes read-only directories).</summary>
public static class TreeRemoval
{
    /// <summary>Removes <paramref name="path"/> (a directory tree, a file or a link); a failure is a warning saying to remove it by hand.</summary>
    public static void RemoveQuietly(string path, Reporter reporter)
    {
        try
        {
            Remove(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reporter.Warning($"Could not remove {path}: {e.Message}; remove it by hand");
        }
    }

    /// <summary>Removes <paramref name="path"/>, throwing what the filesystem says.</summary>
    public static void Remove(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists)
        {
            info.Delete();
        }
        else if (Directory.Exists(path))
        {
            MakeOwnerWritable(path);
            Directory.Delete(path, recursive: true);
        }
    }

    private static void MakeOwnerWritable(string directory)
    {
        foreach (var sub in Directory.EnumerateDirectories(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).Prepend(directory))
        {
            File.SetUnixFileMode(sub, File.GetUnixFileMode(sub) | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
