using System.Text;
using System.Text.RegularExpressions;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Config;

/// <summary>
/// Reads an <c>--environ</c> file. Upstream sourced it with bash in every wrapper; the launcher has no
/// shell, so the file is read once at build time and must hold only assignments:
/// <code>
/// # comment
/// export NAME=value          NAME="value with $OTHER"      NAME='literal $text'
/// PATH=/opt/x/bin:$PATH      unset NAME
/// </code>
/// Values refer to variables as $NAME or ${NAME}, expanded at each launch.
/// </summary>
public static partial class EnvironFile
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="path"/> names the file in errors.</summary>
    public static IReadOnlyList<EnvironmentChange> Parse(string text, string path)
    {
        var changes = new List<EnvironmentChange>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            changes.Add(ParseLine(line, $"{path}:{lineNumber}"));
        }
        return changes;
    }

    private static EnvironmentChange ParseLine(string line, string where)
    {
        if (UnsetLine().Match(line) is { Success: true } unset)
        {
            return new EnvironmentChange { Action = EnvironmentAction.Unset, Name = unset.Groups["name"].Value };
        }
        var assignment = AssignmentLine().Match(line);
        if (!assignment.Success)
        {
            throw new BuildException($"Environ file line {where}: '{line}' is not NAME=VALUE; only assignments, 'export' and 'unset' are supported");
        }
        var value = Value(assignment.Groups["value"].Value, where);
        return new EnvironmentChange { Action = EnvironmentAction.Set, Name = assignment.Groups["name"].Value, Value = value };
    }

    private static string Value(string raw, string where)
    {
        if (raw.Contains("$(") || raw.Contains('`'))
        {
            throw new BuildException($"Environ file line {where}: command substitution is not supported; write the value itself");
        }
        var value = new StringBuilder();
        var rest = raw.AsSpan();
        while (!rest.IsEmpty)
        {
            var quote = rest[0];
            if (quote is '\'' or '"')
            {
                var end = rest[1..].IndexOf(quote);
                if (end < 0)
                {
                    throw new BuildException($"Environ file line {where}: unterminated {quote} quote");
                }
                var quoted = rest.Slice(1, end).ToString();
                value.Append(quote == '\'' ? quoted.Replace("$", "\\$") : quoted);
                rest = rest[(end + 2)..];
                continue;
            }
            var plainEnd = rest.IndexOfAny('\'', '"');
            var plain = (plainEnd < 0 ? rest : rest[..plainEnd]).ToString();
            if (plain.Any(char.IsWhiteSpace))
            {
                throw new BuildException($"Environ file line {where}: unquoted value contains a space; put the value in quotes");
            }
            value.Append(plain);
            rest = plainEnd < 0 ? [] : rest[plainEnd..];
        }
        return value.ToString();
    }

    [GeneratedRegex(@"^(export\s+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>.*)$")]
    private static partial Regex AssignmentLine();

    [GeneratedRegex(@"^unset\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex UnsetLine();
}
