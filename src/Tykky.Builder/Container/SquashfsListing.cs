using System.Text;
using System.Text.RegularExpressions;

namespace Tykky.Builder.Container;

/// <summary>
/// Reads what <c>unsquashfs -d '' -lls IMAGE</c> prints: one entry a line, like <c>ls -l</c>,
/// <code>
/// drwxr-xr-x root/root               251 2026-11-22 01:39 
/// lrwxrwxrwx root/root                 7 2026-11-22 01:39 /bin/sh -> busybox
/// crw-r--r-- root/root            1,   3 2026-11-22 01:39 /dev/null
/// </code>
/// Names are printed as raw bytes, so the output must be decoded as Latin-1 (one char per byte); names
/// are turned into UTF-8 text here. A name holding a newline continues on the next line. For a link the
/// size column is the byte length of the target, which separates a name holding " -> " from the target.
/// Pure.
/// </summary>
public static partial class SquashfsListing
{
    /// <summary>The entries of a listing, by absolute path inside ("/" for the root).</summary>
    public static IReadOnlyList<KeyValuePair<string, ContainerFile>> Parse(string latin1Listing)
    {
        var entries = new List<KeyValuePair<string, ContainerFile>>();
        Match? pending = null;
        var name = new StringBuilder();
        foreach (var line in latin1Listing.Split('\n'))
        {
            if (EntryLine().Match(line) is { Success: true } match)
            {
                AddEntry(entries, pending, name.ToString());
                pending = match;
                name.Clear().Append(match.Groups["rest"].Value);
            }
            else if (pending is not null)
            {
                name.Append('\n').Append(line);
            }
        }
        AddEntry(entries, pending, name.ToString().TrimEnd('\n'));
        return entries;
    }

    private static void AddEntry(List<KeyValuePair<string, ContainerFile>> entries, Match? match, string rest)
    {
        if (match is null)
        {
            return;
        }
        var type = match.Groups["type"].Value[0];
        var mode = ModeOf(match.Groups["permissions"].Value);
        if (type == 'l' && long.TryParse(match.Groups["size"].Value, out var targetLength) && rest.Length >= targetLength + 4
            && rest.AsSpan(rest.Length - (int)targetLength - 4, 4).SequenceEqual(" -> "))
        {
            var target = rest[^(int)targetLength..];
            entries.Add(new(PathOf(rest[..^((int)targetLength + 4)]), new ContainerFile(ContainerFileKind.Link, mode, Utf8(target))));
            return;
        }
        var kind = type == 'd' ? ContainerFileKind.Directory : ContainerFileKind.File;
        entries.Add(new(PathOf(rest), new ContainerFile(kind, mode)));
    }

    private static string PathOf(string latin1Name) => latin1Name.Length == 0 ? "/" : Utf8(latin1Name);

    private static string Utf8(string latin1) => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(latin1));

    /// <summary>rwxr-xr-x (with s/S/t/T for setuid, setgid, sticky) as permission bits.</summary>
    private static UnixFileMode ModeOf(string permissions)
    {
        UnixFileMode[] bits =
        [
            UnixFileMode.UserRead, UnixFileMode.UserWrite, UnixFileMode.UserExecute,
            UnixFileMode.GroupRead, UnixFileMode.GroupWrite, UnixFileMode.GroupExecute,
            UnixFileMode.OtherRead, UnixFileMode.OtherWrite, UnixFileMode.OtherExecute,
        ];
        var mode = (UnixFileMode)0;
        for (var i = 0; i < bits.Length; i++)
        {
            // 's' and 't' mean the execute bit is set too; 'S' and 'T' that it is not.
            mode |= permissions[i] is 'r' or 'w' or 'x' or 's' or 't' ? bits[i] : 0;
        }
        return mode;
    }

    [GeneratedRegex(@"^(?<type>[-dlcbps])(?<permissions>[-rwxsStT]{9}) \S+ +(?<size>\d+|\d+, *\d+) \d{4}-\d\d-\d\d \d\d:\d\d (?<rest>.*)$")]
    private static partial Regex EntryLine();
}
