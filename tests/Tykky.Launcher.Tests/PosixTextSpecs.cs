using Tykky.Launcher.Native;

namespace Tykky.Launcher.Tests;

/// <summary>The lossless (surrogateescape) codec between POSIX byte strings and .NET strings.</summary>
public class PosixTextSpecs
{
    [Fact]
    public void Every_single_byte_from_0x01_to_0xFF_round_trips()
    {
        for (var value = 1; value <= 0xFF; value++)
        {
            // Arrange
            byte[] original = [(byte)value];

            // Act
            var roundTripped = PosixText.Encode(PosixText.Decode(original));

            // Assert
            Assert.True(original.AsSpan().SequenceEqual(roundTripped), $"byte 0x{value:X2} came back as {Convert.ToHexString(roundTripped)}");
        }
    }

    [Fact]
    public void All_bytes_in_one_string_round_trip()
    {
        // Arrange
        var original = Enumerable.Range(1, 0xFF).Select(b => (byte)b).ToArray();

        // Act
        var roundTripped = PosixText.Encode(PosixText.Decode(original));

        // Assert
        Assert.Equal(original, roundTripped);
    }

    [Fact]
    public void Bytes_0x80_to_0xFF_alone_decode_to_the_escapes_U_DC80_to_U_DCFF()
    {
        // Arrange
        var highBytes = Enumerable.Range(0x80, 0x80).Select(b => (byte)b).ToArray();

        // Act
        var decoded = PosixText.Decode(highBytes);

        // Assert
        Assert.Equal(new string(highBytes.Select(b => (char)(0xDC00 + b)).ToArray()), decoded);
    }

    public sealed record Case(string Name, byte[] Bytes, string Text)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Decodings() =>
    [
        new("ASCII decodes to itself", "python -c 'print(1)'"u8.ToArray(), "python -c 'print(1)'"),
        new("Two-byte UTF-8 decodes to its character", [0xC3, 0xA9], "é"),
        new("Three-byte UTF-8 decodes to its character", [0xE2, 0x82, 0xAC], "€"),
        new("Four-byte UTF-8 decodes to a surrogate pair", [0xF0, 0x9F, 0x98, 0x80], "😀"),
        new("An overlong encoding escapes every byte", [0xC0, 0xAF], "\uDCC0\uDCAF"),
        new("An encoded UTF-16 surrogate escapes every byte", [0xED, 0xA0, 0x80], "\uDCED\uDCA0\uDC80"),
        new("A truncated sequence before ASCII escapes its bytes and keeps the ASCII", [0xE2, 0x82, 0x41], "\uDCE2\uDC82A"),
        new("A truncated sequence at the end escapes its bytes", [0x61, 0xF0, 0x9F, 0x98], "a\uDCF0\uDC9F\uDC98"),
        new("A code point above U+10FFFF escapes every byte", [0xF4, 0x90, 0x80, 0x80], "\uDCF4\uDC90\uDC80\uDC80"),
        new("A lone continuation byte between valid text is escaped alone", [0x61, 0x80, 0xC3, 0xA9], "a\uDC80é"),
        new("Latin-1 text (not UTF-8) is escaped byte by byte", [0x63, 0x61, 0x66, 0xE9], "caf\uDCE9"),
    ];

    [Theory]
    [MemberData(nameof(Decodings))]
    public void Decode_and_Encode_match_the_row_both_ways(Case row)
    {
        var decoded = PosixText.Decode(row.Bytes);
        var encoded = PosixText.Encode(decoded);

        Assert.Equal(row.Text, decoded);
        Assert.Equal(row.Bytes, encoded);
    }

    [Fact]
    public void Encode_replaces_surrogates_that_are_not_escapes_with_U_FFFD()
    {
        // Arrange: built in code, since attribute arguments cannot carry lone surrogates.
        string[] texts = ["a" + '\uD83D' + "b", '\uDC7F'.ToString(), '\uD83D'.ToString()];

        // Act
        var encoded = texts.Select(PosixText.Encode).ToArray();

        // Assert
        Assert.Equal(new byte[] { 0x61, 0xEF, 0xBF, 0xBD, 0x62 }, encoded[0]);
        Assert.Equal(new byte[] { 0xEF, 0xBF, 0xBD }, encoded[1]);
        Assert.Equal(new byte[] { 0xEF, 0xBF, 0xBD }, encoded[2]);
    }

    [Fact]
    public void EncodeNullTerminated_appends_one_NUL()
    {
        // Arrange
        var text = PosixText.Decode([0x2F, 0xFF]);

        // Act
        var encoded = PosixText.EncodeNullTerminated(text);

        // Assert
        Assert.Equal(new byte[] { 0x2F, 0xFF, 0x00 }, encoded);
    }

    [Theory]
    [InlineData(new byte[] { }, new string[] { })]
    [InlineData(new byte[] { 0x61, 0 }, new[] { "a" })]
    [InlineData(new byte[] { 0x61 }, new[] { "a" })]
    // An empty argument is an empty string between two NULs: /proc/self/cmdline of `prog ''` is "prog\0\0".
    [InlineData(new byte[] { 0x61, 0, 0 }, new[] { "a", "" })]
    [InlineData(new byte[] { 0 }, new[] { "" })]
    [InlineData(new byte[] { 0x61, 0, 0, 0x62, 0 }, new[] { "a", "", "b" })]
    [InlineData(new byte[] { 0, 0, 0 }, new[] { "", "", "" })]
    [InlineData(new byte[] { 0x41, 0x3D, 0x31, 0, 0x42, 0x3D, 0 }, new[] { "A=1", "B=" })]
    public void SplitNulSeparated_keeps_empty_items(byte[] block, string[] expected) =>
        Assert.Equal(expected, PosixText.SplitNulSeparated(block));

    [Fact]
    public void SplitNulSeparated_decodes_each_item_losslessly()
    {
        // Arrange
        byte[] block = [0x70, 0, 0xFF, 0xFE, 0, 0x20, 0x0A, 0];

        // Act
        var items = PosixText.SplitNulSeparated(block);

        // Assert
        Assert.Equal(["p", "\uDCFF\uDCFE", " \n"], items);
        Assert.Equal(block, items.SelectMany(i => PosixText.EncodeNullTerminated(i)).ToArray());
    }
}
