using System.Text;

namespace Tykky.Builder.Config;

/// <summary>
/// Paths the user gives, checked before anything is built: an empty path, one longer than Linux
/// allows, and a path of the wrong type each get a message that says what is actually there.
/// </summary>
public static class UserPaths
{
    /// <summary>Linux's PATH_MAX: a path passed to a system call is at most this many bytes, its NUL included.</summary>
    public const int PathMax = 4096;

    /// <summary>Linux's NAME_MAX: one component of a path is at most this many bytes.</summary>
    public const int NameMax = 255;

    /// <summary>
    /// Room kept below PATH_MAX for the paths Tykky makes inside a directory the user names (the staging
    /// directory, bin/NAME, share/previous_input/N/FILE, the build's _inst_dir/...), so that a prefix
    /// that fits does not fail half-way through a build.
    /// </summary>
    public const int ReservedForTykky = 256;

    private const int ShownBytes = 60;

    /// <summary><paramref name="given"/> made absolute; a <see cref="BuildException"/> naming <paramref name="what"/> when it is empty.</summary>
    public static string Absolute(string given, string what) => given.Length == 0
        ? throw new BuildException($"{what} is an empty path; give a path")
        : Path.GetFullPath(given);

    /// <summary>Why <paramref name="path"/> is not a file to read, or null when it is one.</summary>
    public static string? FileProblem(string path) =>
        Directory.Exists(path) ? "is a directory, not a file"
        : File.Exists(path) && !IsDangling(path) ? null
        : Missing(path);

    /// <summary>Why <paramref name="path"/> is not a directory, or null when it is one.</summary>
    public static string? DirectoryProblem(string path) =>
        Directory.Exists(path) ? null
        : File.Exists(path) && !IsDangling(path) ? "is a file, not a directory"
        : Missing(path);

    /// <summary>
    /// A <see cref="BuildException"/> when <paramref name="path"/>, with <see cref="ReservedForTykky"/>
    /// bytes of Tykky's own entries below it, cannot be used by the system calls (PATH_MAX, NAME_MAX).
    /// </summary>
    public static void CheckLength(string path, string what)
    {
        var bytes = Encoding.UTF8.GetByteCount(path);
        var longest = path.Split('/').Select(c => Encoding.UTF8.GetByteCount(c)).Max();
        if (longest > NameMax)
        {
            throw new BuildException($"{what} '{Shown(path)}' has a component of {longest} bytes; Linux file names are at most {NameMax} bytes (NAME_MAX): choose a shorter name");
        }
        var allowed = PathMax - 1 - ReservedForTykky;
        if (bytes > allowed)
        {
            throw new BuildException($"{what} '{Shown(path)}' is {bytes} bytes long; Linux paths are at most {PathMax - 1} bytes (PATH_MAX) and Tykky's own files below it need up to {ReservedForTykky}: choose a path of at most {allowed} bytes");
        }
    }

    private static string Missing(string path) =>
        new FileInfo(path).LinkTarget is { } target ? $"is a link to '{target}', which does not exist" : "does not exist";

    /// <summary>.NET's File.Exists is true for a link whose target is missing.</summary>
    private static bool IsDangling(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null && File.ResolveLinkTarget(path, returnFinalTarget: true) is { Exists: false };
        }
        catch (IOException)
        {
            return true; // a loop of links
        }
    }

    private static string Shown(string path) => path.Length <= ShownBytes ? path : path[..ShownBytes] + "…";
}
