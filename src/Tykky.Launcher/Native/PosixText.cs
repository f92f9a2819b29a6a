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
    /// <remarks>Valid UTF-8, nearly every path and variable, decodes in one call; only the rest goes rune by rune.</remarks>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }
        var text = new StringBuilder(bytes.Length);
        Span<char> utf16 = stackalloc char[2];
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(utf16[..rune.EncodeToUtf16(utf16)]);
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
    public static byte[] Encode(string text) => Encode(text, terminator: 0);

    /// <summary>Encodes a string as a NUL-terminated byte array for a libc call.</summary>
    public static byte[] EncodeNullTerminated(string text) => Encode(text, terminator: 1);

    /// <summary>The bytes of <paramref name="text"/> followed by <paramref name="terminator"/> NUL bytes.</summary>
    /// <remarks>Text without surrogates (no escaped byte, no lone half of a pair) is plain UTF-8 and encodes in one call.</remarks>
    private static byte[] Encode(string text, int terminator)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            var plain = new byte[Encoding.UTF8.GetByteCount(text) + terminator];
            Encoding.UTF8.GetBytes(text, plain);
            return plain;
        }
        var bytes = new List<byte>(text.Length + terminator);
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
        bytes.AddRange(new byte[terminator]);
        return bytes.ToArray();
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

    /// <summary>64-bit FNV-1a of a text's bytes: stable names in the user's keeper directory, not a secret (the directory is the user's own).</summary>
    public static ulong Fnv1a(string text) => Fnv1a(Encode(text));

    /// <inheritdoc cref="Fnv1a(string)"/>
    public static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return hash;
    }
}
