using System.Text;
using Tykky.Launcher.Native;

namespace Tykky.Launcher.Host;

/// <summary>
/// Mount points of the current mount namespace, from /proc/self/mountinfo. Asking "is the installation
/// path a mount point here" detects being inside the installation's container in every apptainer mode
/// (setuid with and without overlay, --userns) and under bubblewrap; the "apptainer/mnt/session" string
/// the bash Tykky looks for exists in only one of them (shared/reference/apptainer-observed.md).
/// </summary>
internal static class MountTable
{
    /// <summary>True when <paramref name="path"/> is a mount point in <paramref name="mountInfo"/>.</summary>
    public static bool IsMountPoint(string mountInfo, string path)
    {
        foreach (var line in mountInfo.Split('\n'))
        {
            // Fields: id parent major:minor root MOUNT-POINT options ...
            var fields = line.Split(' ');
            if (fields.Length > 4 && Unescape(fields[4]) == path)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Reads this process's mountinfo, or "" when /proc is not there.</summary>
    public static string ReadOwn() => PosixFiles.TryReadAll("/proc/self/mountinfo") is { } bytes ? PosixText.Decode(bytes) : "";

    /// <summary>Undoes the kernel's octal escapes (\040 for space, \011 tab, \012 newline, \134 backslash).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\'))
        {
            return field;
        }
        var bytes = new List<byte>(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field.AsSpan(i + 1, 3)))
            {
                bytes.Add(Convert.ToByte(field.Substring(i + 1, 3), 8));
                i += 3;
                continue;
            }
            bytes.AddRange(PosixText.Encode(field[i].ToString()));
        }
        return PosixText.Decode(bytes.ToArray());
    }

    private static bool IsOctal(ReadOnlySpan<char> digits) => !digits.ContainsAnyExcept("01234567");
}
