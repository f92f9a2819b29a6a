using System.Text.RegularExpressions;

namespace Tykky.Builder.Native;

/// <summary>The mounts of this process's mount namespace, from /proc/self/mountinfo (proc(5)).</summary>
public static partial class MountInfo
{
    /// <summary>
    /// File systems of the kernel, not of files: their "files" are live state (/proc/kcore alone claims
    /// 128 TiB), device nodes or other mount trees. Copying one into an image is never meant.
    /// </summary>
    public static readonly IReadOnlySet<string> SpecialFileSystemTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "securityfs", "debugfs", "tracefs", "pstore",
        "bpf", "configfs", "fusectl", "mqueue", "hugetlbfs", "binfmt_misc", "autofs", "efivarfs", "selinuxfs",
        "rpc_pipefs", "nsfs", "nfsd",
    };

    /// <summary>This process's mounts, in the kernel's order (a later mount on the same point hides an earlier one).</summary>
    public static IReadOnlyList<MountEntry> ReadOwn()
    {
        try
        {
            return Parse(File.ReadAllText("/proc/self/mountinfo"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException($"Cannot read /proc/self/mountinfo ({e.Message}); the mounts inside the directory to wrap cannot be checked without it: mount /proc");
        }
    }

    /// <summary>The mounts in mountinfo text. Pure.</summary>
    public static IReadOnlyList<MountEntry> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            // id parent major:minor root MOUNT-POINT options [optional fields...] - FSTYPE source super-options
            .Select(fields => (fields, separator: Array.IndexOf(fields, "-")))
            .Where(f => f.fields.Length > 4 && f.separator > 4 && f.separator + 1 < f.fields.Length)
            .Select(f => new MountEntry(Unescape(f.fields[4]), f.fields[2], f.fields[f.separator + 1]))
            .ToArray();

    /// <summary>The mount that holds <paramref name="path"/> (absolute, canonical): the last one on the longest mount point above it.</summary>
    public static MountEntry? Holding(IReadOnlyList<MountEntry> mounts, string path) =>
        mounts.Where(m => IsAtOrBelow(path, m.MountPoint)).OrderBy(m => m.MountPoint.Length).LastOrDefault();

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or lies below it (whole components).</summary>
    public static bool IsAtOrBelow(string path, string directory) =>
        path == directory || directory == "/" || path.StartsWith(directory + "/", StringComparison.Ordinal);

    /// <summary>Undoes the kernel's octal escapes of space, tab, newline and backslash.</summary>
    private static string Unescape(string field) =>
        field.Contains('\\') ? OctalEscape().Replace(field, m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString()) : field;

    [GeneratedRegex(@"\\([0-7]{3})")]
    private static partial Regex OctalEscape();
}
