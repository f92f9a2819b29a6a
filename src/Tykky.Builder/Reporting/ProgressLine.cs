using System.Text;

namespace Tykky.Builder.Reporting;

/// <summary>
/// Turns a line of a package manager's output into the one-line progress view shown on a terminal:
/// terminal control sequences and carriage-return redraws removed, tabs as spaces, cut to the
/// terminal's width so that rewriting it in place never wraps. Pure.
/// </summary>
public static class ProgressLine
{
    /// <summary>Narrowest view: below this, terminals are too small to bother (the line is cut anyway).</summary>
    private const int MinimumWidth = 20;

    /// <summary>The text to show for <paramref name="line"/> on a terminal <paramref name="width"/> columns wide.</summary>
    public static string Format(string line, int width)
    {
        var visible = Visible(line[(line.LastIndexOf('\r') + 1)..]).Trim();
        var room = Math.Max(width, MinimumWidth) - 1;
        return visible.Length <= room ? visible : visible[..(room - 1)] + "…";
    }

    /// <summary>The printable characters of <paramref name="text"/>: ANSI escape sequences and other controls dropped.</summary>
    private static string Visible(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\x1b')
            {
                i = EndOfEscape(text, i);
            }
            else if (c == '\t')
            {
                result.Append(' ');
            }
            else if (!char.IsControl(c))
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    /// <summary>The index of the last character of the escape sequence starting at <paramref name="start"/> (CSI: ESC [ ... final byte).</summary>
    private static int EndOfEscape(string text, int start)
    {
        if (start + 1 >= text.Length || text[start + 1] != '[')
        {
            return Math.Min(start + 1, text.Length - 1);
        }
        var i = start + 2;
        while (i < text.Length && text[i] is < '@' or > '~')
        {
            i++;
        }
        return Math.Min(i, text.Length - 1);
    }
}
