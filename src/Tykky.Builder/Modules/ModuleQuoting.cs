using System.Text;

namespace Tykky.Builder.Modules;

/// <summary>A string literal of a module file's language, in double quotes. Pure.</summary>
public static class ModuleQuoting
{
    /// <summary>
    /// <paramref name="value"/> in double quotes, each character replaced by <paramref name="escape"/>'s
    /// text for it (null: the character itself); a newline becomes <c>\n</c> in both languages.
    /// </summary>
    public static string Quote(string value, Func<char, string?> escape)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c == '\n' ? "\\n" : escape(c) ?? c.ToString());
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>Control characters other than newline, which no module file should hold raw.</summary>
    public static bool IsControl(char c) => c < ' ' || c == '\x7f';
}
