using System.Text;

namespace Tykky.Launcher.Manifest;

/// <summary>
/// The one definition of variable references in Tykky values: <c>$NAME</c> and <c>${NAME}</c>.
/// The builder expands config values with it (unset names kept as written, like Python's
/// os.path.expandvars upstream used); the launcher expands manifest environment values (unset names
/// expand to nothing, as the shell upstream sourced them did). <c>\$</c> is a literal dollar sign.
/// </summary>
public static class VariableExpansion
{
    /// <summary>What an unset variable becomes.</summary>
    public enum UnsetVariables
    {
        /// <summary>Left as written: "$NAME".</summary>
        Keep,

        /// <summary>Removed, as in sh.</summary>
        Remove,
    }

    /// <summary>Expands references in <paramref name="template"/> through <paramref name="lookup"/>.</summary>
    public static string Expand(string template, Func<string, string?> lookup, UnsetVariables unset)
    {
        if (!template.Contains('$'))
        {
            return template;
        }
        var result = new StringBuilder(template.Length);
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '\\' && i + 1 < template.Length && template[i + 1] == '$')
            {
                result.Append('$');
                i++;
                continue;
            }
            var (name, length) = template[i] == '$' ? ReferenceAt(template, i + 1) : (null, 0);
            if (name is null)
            {
                result.Append(template[i]);
                continue;
            }
            var value = lookup(name);
            result.Append(value ?? (unset == UnsetVariables.Keep ? template.Substring(i, length + 1) : ""));
            i += length;
        }
        return result.ToString();
    }

    private static (string? Name, int Length) ReferenceAt(string text, int start)
    {
        if (start < text.Length && text[start] == '{')
        {
            var close = text.IndexOf('}', start);
            return close > start + 1 && IsName(text.AsSpan(start + 1, close - start - 1)) ? (text[(start + 1)..close], close - start + 1) : (null, 0);
        }
        var end = start;
        while (end < text.Length && (text[end] == '_' || char.IsAsciiLetter(text[end]) || (end > start && char.IsAsciiDigit(text[end]))))
        {
            end++;
        }
        return end > start ? (text[start..end], end - start) : (null, 0);
    }

    private static bool IsName(ReadOnlySpan<char> text) =>
        !char.IsAsciiDigit(text[0]) && !text.ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
}
