using System.Text;

namespace Tykky.Builder.Container;

/// <summary>
/// The value of one shell word, for the simple assignments of container env scripts: quotes, backslash
/// escapes, <c>$NAME</c>, <c>${NAME}</c>, <c>${NAME:-word}</c> and <c>${NAME-word}</c>. Anything it
/// cannot evaluate without running a shell (command substitution, arithmetic, other expansions) gives
/// null. Unset variables expand to nothing, as in sh. Pure.
/// </summary>
public static class ShellWords
{
    /// <summary>True when <paramref name="text"/> is a shell variable name.</summary>
    public static bool IsName(string text) =>
        text.Length > 0 && !char.IsAsciiDigit(text[0]) && text.All(c => c == '_' || char.IsAsciiLetterOrDigit(c));

    /// <summary>The value of the word at the start of <paramref name="text"/> (up to unquoted whitespace), or null.</summary>
    public static string? Expand(string text, IReadOnlyDictionary<string, string> variables)
    {
        var result = new StringBuilder();
        var position = 0;
        return Word(text, ref position, variables, result, stopAtBrace: false) ? result.ToString() : null;
    }

    private static bool Word(string text, ref int i, IReadOnlyDictionary<string, string> variables, StringBuilder result, bool stopAtBrace)
    {
        var quoted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (!quoted && (char.IsWhiteSpace(c) || c == ';' || (stopAtBrace && c == '}')))
            {
                return true;
            }
            switch (c)
            {
                case '"':
                    quoted = !quoted;
                    i++;
                    break;
                case '\'' when !quoted:
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        return false;
                    }
                    result.Append(text, i + 1, close - i - 1);
                    i = close + 1;
                    break;
                case '\\' when i + 1 < text.Length:
                    result.Append(text[i + 1]);
                    i += 2;
                    break;
                case '`':
                    return false;
                case '$':
                    if (!Parameter(text, ref i, variables, result))
                    {
                        return false;
                    }
                    break;
                default:
                    result.Append(c);
                    i++;
                    break;
            }
        }
        return !quoted;
    }

    /// <summary>$NAME, ${NAME}, ${NAME:-word}, ${NAME-word} at <paramref name="i"/>; false for anything else.</summary>
    private static bool Parameter(string text, ref int i, IReadOnlyDictionary<string, string> variables, StringBuilder result)
    {
        var start = i + 1;
        if (start < text.Length && text[start] != '{')
        {
            var end = start;
            while (end < text.Length && (text[end] == '_' || char.IsAsciiLetterOrDigit(text[end])))
            {
                end++;
            }
            if (end == start || !IsName(text[start..end]))
            {
                return false;
            }
            result.Append(variables.GetValueOrDefault(text[start..end]) ?? "");
            i = end;
            return true;
        }
        var nameEnd = start + 1;
        while (nameEnd < text.Length && (text[nameEnd] == '_' || char.IsAsciiLetterOrDigit(text[nameEnd])))
        {
            nameEnd++;
        }
        var name = text[(start + 1)..nameEnd];
        if (!IsName(name) || nameEnd >= text.Length)
        {
            return false;
        }
        var value = variables.GetValueOrDefault(name);
        if (text[nameEnd] == '}')
        {
            result.Append(value ?? "");
            i = nameEnd + 1;
            return true;
        }
        var colon = text[nameEnd] == ':';
        var operatorAt = colon ? nameEnd + 1 : nameEnd;
        if (operatorAt >= text.Length || text[operatorAt] != '-')
        {
            return false;
        }
        var fallback = new StringBuilder();
        i = operatorAt + 1;
        if (!Word(text, ref i, variables, fallback, stopAtBrace: true) || i >= text.Length || text[i] != '}')
        {
            return false;
        }
        i++;
        result.Append(value is null || (colon && value.Length == 0) ? fallback.ToString() : value);
        return true;
    }
}
