using System.Text.RegularExpressions;

namespace Tykky.Builder.Processes;

/// <summary>
/// The one line that sums up an error block for the <c>[ ERROR ]</c> line. It names everything the
/// block lists as missing, so that the final message is complete where the block itself is not shown
/// (on a terminal the tool's output is one line rewritten in place). Pure.
/// </summary>
public static partial class ToolErrorSummary
{
    /// <summary>The summary of <paramref name="lines"/>, a block of <paramref name="kind"/> (its first line starts it).</summary>
    public static string Of(ToolErrorKind kind, IReadOnlyList<string> lines) => kind switch
    {
        ToolErrorKind.NamedException => WithItems(lines[0].Trim(), ListedItems(lines)),
        ToolErrorKind.PipError => lines.Last(line => line.StartsWith("ERROR: ", StringComparison.Ordinal)).Trim(),
        ToolErrorKind.LibMamba => LibMamba(lines),
        ToolErrorKind.Diagnostic => WithCause(lines),
        ToolErrorKind.PythonTraceback => lines[^1].Trim(),
        ToolErrorKind.ShellError => lines[0].Trim(),
        ToolErrorKind.SpackError => lines[0].Trim(),
    };

    /// <summary>"Header: a, b" (conda's header already ends with a colon).</summary>
    private static string WithItems(string header, IReadOnlyList<string> items) =>
        items.Count == 0 ? header : header + (header.EndsWith(':') ? " " : ": ") + string.Join(", ", items);

    /// <summary>The "  - NAME" lines right under the header (blank lines between allowed), not the later channel list.</summary>
    private static string[] ListedItems(IReadOnlyList<string> lines) =>
        lines.Skip(1).SkipWhile(string.IsNullOrWhiteSpace).Select(line => ListItem().Match(line))
            .TakeWhile(match => match.Success).Select(match => match.Groups[1].Value.Trim()).ToArray();

    /// <summary>mamba: "libmamba: Could not solve for environment specs; does not exist: a, b".</summary>
    private static string LibMamba(IReadOnlyList<string> lines)
    {
        var message = "libmamba: " + LibMambaTag().Replace(lines[0], "").Trim();
        var missing = lines.Select(line => MambaMissing().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().ToArray();
        return missing.Length == 0 ? message : $"{message}; does not exist: {string.Join(", ", missing)}";
    }

    /// <summary>uv: "× No solution found when resolving dependencies: Because x was not found ...".</summary>
    private static string WithCause(IReadOnlyList<string> lines)
    {
        var header = lines[0].Trim();
        var cause = lines.Skip(1).Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith("╰─▶", StringComparison.Ordinal));
        return cause is null ? header : $"{header} {cause["╰─▶".Length..].Trim()}";
    }

    [GeneratedRegex(@"^\s+- (.+)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^(error|critical)\s+libmamba\s+")]
    private static partial Regex LibMambaTag();

    /// <summary>mamba's "└─ nosuchpkg does not exist (perhaps a typo or a missing channel).", also with a spec ("└─ numexpr =* * does not exist").</summary>
    [GeneratedRegex(@"[├└]─ (.+?) does not exist")]
    private static partial Regex MambaMissing();
}
