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
    /// <remarks>Scans the text in place: a launch reads a mountinfo of dozens of lines and keeps none of them.</remarks>
    public static bool IsMountPoint(string mountInfo, string path)
    {
        for (var rest = mountInfo.AsSpan(); !rest.IsEmpty;)
        {
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (MountPointField(line) is { IsEmpty: false } field
                && (field.Contains('\\') ? Unescape(field.ToString()) == path : field.SequenceEqual(path)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The fifth field of a line (id parent major:minor root MOUNT-POINT options ...), or empty.</summary>
    private static ReadOnlySpan<char> MountPointField(ReadOnlySpan<char> line)
    {
        for (var field = 0; field < 4; field++)
        {
            var space = line.IndexOf(' ');
            if (space < 0)
            {
                return [];
            }
            line = line[(space + 1)..];
        }
        var next = line.IndexOf(' ');
        return next < 0 ? line : line[..next];
    }

    /// <summary>Reads this process's mountinfo, or "" when /proc is not there.</summary>
    public static string ReadOwn() => PosixFiles.TryReadAll("/proc/self/mountinfo") is { } bytes ? PosixText.Decode(bytes) : "";

    /// <summary>Undoes the kernel's octal escapes (\040 for space, \011 tab, \012 newline, \134 backslash), on the bytes.</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\'))
        {
            return field;
        }
        var raw = PosixText.Encode(field);
        var bytes = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == (byte)'\\' && i + 3 < raw.Length && IsOctal(raw.AsSpan(i + 1, 3)))
            {
                bytes.Add((byte)(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0')));
                i += 3;
                continue;
            }
            bytes.Add(raw[i]);
        }
        return PosixText.Decode(bytes.ToArray());
    }

    private static bool IsOctal(ReadOnlySpan<byte> digits) => !digits.ContainsAnyExcept("01234567"u8);
}
