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

    /// <summary>
    /// The value in the manifest's syntax: single quotes keep everything literal (a '$' becomes '\$');
    /// double quotes and unquoted text keep $NAME references; inside double quotes a backslash escapes
    /// '"' and '\\' as in sh. Command substitution is refused where sh would perform it.
    /// </summary>
    private static string Value(string raw, string where)
    {
        var value = new StringBuilder();
        var i = 0;
        while (i < raw.Length)
        {
            switch (raw[i])
            {
                case '\'':
                    var close = raw.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw Unterminated('\'', where);
                    }
                    value.Append(raw[(i + 1)..close].Replace("$", "\\$"));
                    i = close + 1;
                    break;
                case '"':
                    i = DoubleQuoted(raw, i + 1, value, where);
                    break;
                case var c when char.IsWhiteSpace(c):
                    throw new BuildException($"Environ file line {where}: unquoted value contains a space; put the value in quotes");
                default:
                    RefuseSubstitution(raw, i, where);
                    value.Append(raw[i++]);
                    break;
            }
        }
        return value.ToString();
    }

    /// <summary>Appends the double-quoted text starting at <paramref name="start"/>; returns the index after the closing quote.</summary>
    private static int DoubleQuoted(string raw, int start, StringBuilder value, string where)
    {
        for (var i = start; i < raw.Length; i++)
        {
            if (raw[i] == '"')
            {
                return i + 1;
            }
            if (raw[i] == '\\' && i + 1 < raw.Length && raw[i + 1] is '"' or '\\')
            {
                value.Append(raw[++i]);
                continue;
            }
            RefuseSubstitution(raw, i, where);
            value.Append(raw[i]);
        }
        throw Unterminated('"', where);
    }

    private static void RefuseSubstitution(string raw, int i, string where)
    {
        if (raw[i] == '`' || (raw[i] == '$' && i + 1 < raw.Length && raw[i + 1] == '(' && (i == 0 || raw[i - 1] != '\\')))
        {
            throw new BuildException($"Environ file line {where}: command substitution is not supported; write the value itself");
        }
    }

    private static BuildException Unterminated(char quote, string where) =>
        new($"Environ file line {where}: unterminated {quote} quote");

    [GeneratedRegex(@"^(export\s+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>.*)$")]
    private static partial Regex AssignmentLine();

    [GeneratedRegex(@"^unset\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex UnsetLine();
}
