using System.Globalization;
using System.Text;

namespace Tykky.Launcher.Planning;

/// <summary>
/// Carries arguments that are not valid UTF-8 through apptainer and singularity byte for byte (issue
/// #8.3). They pass argv through Go's JSON, which replaces every byte that is not part of valid UTF-8
/// with U+FFFD (apptainer-observed.md). The launcher is the first process inside, so the inner step's
/// request is protected on the way in and restored there:
/// <code>
/// --tykky-inner --escaped 7,9 ... ARG7 ... ARG9 ...
/// </code>
/// Only the arguments that are not valid UTF-8 are escaped, and <c>--escaped</c> lists their positions
/// in the request without that pair (position 0 is <c>--tykky-inner</c>), so valid arguments stay
/// readable in <c>ps</c> and apptainer's logs, and an argument that merely looks escaped is never
/// touched. An escaped argument keeps its valid UTF-8 as it is and writes each other byte as
/// <c>\xHH</c> and each backslash as <c>\\</c>: pure ASCII around whatever valid text there was, which
/// JSON carries exactly.
/// </summary>
internal static class ArgumentEscaping
{
    /// <summary>The option that lists the escaped positions, right after the marker.</summary>
    public const string Option = "--escaped";

    /// <summary>
    /// How the launcher's strings hold a byte that is not valid UTF-8: U+DC80..U+DCFF (see
    /// <see cref="Native.PosixText"/>). Nothing else decodes to these code points.
    /// </summary>
    private const char FirstEscapedByte = '\uDC80';
    private const char LastEscapedByte = '\uDCFF';

    /// <summary>The request with its non-UTF-8 arguments escaped; unchanged when all are valid.</summary>
    public static IReadOnlyList<string> Protect(IReadOnlyList<string> request)
    {
        var positions = Enumerable.Range(1, Math.Max(request.Count - 1, 0)).Where(i => !IsValidUtf8(request[i])).ToArray();
        if (positions.Length == 0)
        {
            return request;
        }
        var escaped = new HashSet<int>(positions);
        return [request[0], Option, string.Join(',', positions), .. request.Skip(1).Select((argument, i) => escaped.Contains(i + 1) ? Escape(argument) : argument)];
    }

    /// <summary>The request as <see cref="Protect"/> was given it; null when the escaping is malformed.</summary>
    public static IReadOnlyList<string>? Restore(IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 3 || arguments[1] != Option)
        {
            return arguments;
        }
        var request = new List<string>(arguments.Count - 2) { arguments[0] };
        request.AddRange(arguments.Skip(3));
        foreach (var entry in arguments[2].Split(','))
        {
            if (!int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var position) || position < 1 || position >= request.Count
                || Unescape(request[position]) is not { } original)
            {
                return null;
            }
            request[position] = original;
        }
        return request;
    }

    /// <summary>True when the argument's bytes are valid UTF-8.</summary>
    public static bool IsValidUtf8(string argument) => !argument.Any(c => c is >= FirstEscapedByte and <= LastEscapedByte);

    /// <summary>Escapes one argument: invalid bytes as \xHH, backslashes doubled, everything else kept.</summary>
    public static string Escape(string argument)
    {
        var text = new StringBuilder(argument.Length * 2);
        foreach (var c in argument)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                >= FirstEscapedByte and <= LastEscapedByte => text.Append(CultureInfo.InvariantCulture, $"\\x{c - '\uDC00':x2}"),
                _ => text.Append(c),
            };
        }
        return text.ToString();
    }

    /// <summary>Undoes <see cref="Escape"/>; null for text it cannot have written.</summary>
    public static string? Unescape(string escaped)
    {
        var text = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] != '\\')
            {
                text.Append(escaped[i]);
                continue;
            }
            if (i + 1 < escaped.Length && escaped[i + 1] == '\\')
            {
                text.Append('\\');
                i++;
                continue;
            }
            if (i + 3 >= escaped.Length || escaped[i + 1] != 'x'
                || !byte.TryParse(escaped.AsSpan(i + 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) || value < 0x80)
            {
                return null;
            }
            text.Append((char)('\uDC00' + value));
            i += 3;
        }
        return text.ToString();
    }
}
