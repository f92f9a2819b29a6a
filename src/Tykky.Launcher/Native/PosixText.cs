using System.Text;

namespace Tykky.Launcher.Native;

/// <summary>
/// Lossless conversion between POSIX byte strings (arguments, environment entries, paths) and .NET
/// strings. Valid UTF-8 decodes as usual; every byte that is not part of valid UTF-8 becomes a lone
/// surrogate U+DC80..U+DCFF and encodes back to the same byte, as Python's "surrogateescape" does.
/// This is what lets an argument holding arbitrary bytes reach the program unchanged.
/// </summary>
internal static class PosixText
{
    private const char EscapeBase = '\uDC00';

    /// <summary>Decodes bytes, escaping every byte that is not valid UTF-8.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                consumed = 1;
                text.Append((char)(EscapeBase + bytes[0]));
            }
            bytes = bytes[consumed..];
        }
        return text.ToString();
    }

    /// <summary>Encodes a string back to bytes; escaped bytes are restored exactly.</summary>
    public static byte[] Encode(string text)
    {
        var bytes = new List<byte>(text.Length + 1);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\uDC80' and <= '\uDCFF')
            {
                bytes.Add((byte)(c - EscapeBase));
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var written = new Rune(c, text[++i]).EncodeToUtf8(buffer);
                bytes.AddRange(buffer[..written]);
                continue;
            }
            var length = (Rune.IsValid(c) ? new Rune(c) : Rune.ReplacementChar).EncodeToUtf8(buffer);
            bytes.AddRange(buffer[..length]);
        }
        return bytes.ToArray();
    }

    /// <summary>Encodes a string as a NUL-terminated byte array for a libc call.</summary>
    public static byte[] EncodeNullTerminated(string text)
    {
        var encoded = Encode(text);
        Array.Resize(ref encoded, encoded.Length + 1);
        return encoded;
    }

    /// <summary>Splits a NUL-separated block (as in /proc/self/cmdline) into decoded strings.</summary>
    public static IReadOnlyList<string> SplitNulSeparated(ReadOnlySpan<byte> block)
    {
        var items = new List<string>();
        while (!block.IsEmpty)
        {
            var end = block.IndexOf((byte)0);
            if (end < 0)
            {
                items.Add(Decode(block));
                break;
            }
            items.Add(Decode(block[..end]));
            block = block[(end + 1)..];
        }
        return items;
    }
}
