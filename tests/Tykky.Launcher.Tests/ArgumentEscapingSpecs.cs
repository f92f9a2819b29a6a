using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Tests;

/// <summary>
/// Arguments that are not valid UTF-8 cross apptainer escaped (issue #8.3): apptainer replaces each
/// invalid byte with U+FFFD, so what it carries must be valid UTF-8, and the inner step must get back
/// every byte.
/// </summary>
public sealed class ArgumentEscapingSpecs
{
    private static string Bytes(params byte[] bytes) => PosixText.Decode(bytes);

    /// <summary>Every byte but NUL, alone, between letters, and after a backslash.</summary>
    public static TheoryData<byte> EveryByte() => [.. Enumerable.Range(1, 255).Select(b => (byte)b)];

    [Theory]
    [MemberData(nameof(EveryByte))]
    public void Every_byte_survives_protection_and_restoration(byte value)
    {
        foreach (var argument in new[] { Bytes(value), Bytes((byte)'a', value, (byte)'b'), Bytes((byte)'\\', value), Bytes(value, value, (byte)'x', (byte)'\\') })
        {
            // Act
            var carried = ArgumentEscaping.Protect(["--tykky-inner", argument]);
            var restored = ArgumentEscaping.Restore(carried);

            // Assert: valid UTF-8 in transit (Go's JSON leaves it alone), the same bytes afterwards
            Assert.All(carried, a => Assert.True(ArgumentEscaping.IsValidUtf8(a)));
            Assert.Equal(PosixText.Encode(argument), PosixText.Encode(Assert.Single(restored!.Skip(1))));
        }
    }

    public sealed record Sequence(string Name, byte[] Raw)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Sequence> OddSequences() =>
    [
        new("a lone continuation byte", [0x80]),
        new("a truncated two-byte sequence before ASCII", [0xC3, 0x28]),
        new("a truncated three-byte sequence at the end", [0x61, 0xE2, 0x82]),
        new("an overlong slash", [0xC0, 0xAF]),
        new("an encoded surrogate (CESU-8)", [0xED, 0xA0, 0x80]),
        new("a code point above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        new("0xFE 0xFF, never valid", [0xFE, 0xFF]),
        new("valid é and 😀 around an invalid byte", [0xC3, 0xA9, 0xFF, 0xF0, 0x9F, 0x98, 0x80]),
        new("text that already looks escaped next to a bad byte", [.. "\\xff \\\\ \\x"u8, 0xFF]),
        new("Latin-1 text", [.. "caf"u8, 0xE9, .. " na"u8, 0xEF, .. "ve"u8]),
    ];

    [Theory]
    [MemberData(nameof(OddSequences))]
    public void Odd_sequences_survive_and_only_their_bad_bytes_are_escaped(Sequence row)
    {
        var argument = PosixText.Decode(row.Raw);

        var carried = ArgumentEscaping.Protect(["--tykky-inner", "--exec-path", "/bin/x", "x", argument]);

        Assert.Equal(["--tykky-inner", "--escaped", "4", "--exec-path", "/bin/x", "x"], carried.Take(6));
        Assert.True(ArgumentEscaping.IsValidUtf8(carried[6]));
        Assert.Equal(row.Raw, PosixText.Encode(ArgumentEscaping.Restore(carried)![4]));
    }

    [Fact]
    public void An_escaped_argument_keeps_its_valid_text_readable()
    {
        Assert.Equal(@"caf\xe9 \\ é \xff", ArgumentEscaping.Escape(Bytes([.. "caf"u8, 0xE9, .. " \\ é "u8, 0xFF])));
    }

    [Fact]
    public void A_request_of_valid_UTF_8_is_left_exactly_as_it_is()
    {
        string[] request = ["--tykky-inner", "--exec-path", "/bin/x", "x", "\\xff", "--escaped", "1", "ünï 😀", ""];

        Assert.Same(request, ArgumentEscaping.Protect(request));
        Assert.Same(request, ArgumentEscaping.Restore(request));
    }

    [Fact]
    public void Only_the_invalid_arguments_are_listed_and_escaped()
    {
        var carried = ArgumentEscaping.Protect(["--tykky-inner", "--exec-path", Bytes(0x2F, 0xFF), "x", "ok", "\\x41", Bytes(0x80)]);

        Assert.Equal(["--tykky-inner", "--escaped", "2,6", "--exec-path", @"/\xff", "x", "ok", "\\x41", @"\x80"], carried);
    }

    [Theory]
    [InlineData("x", @"\xff")]        // positions must be numbers
    [InlineData("0", @"\xff")]        // the marker itself is never escaped
    [InlineData("9", @"\xff")]        // past the end
    [InlineData("1", @"\q")]          // not an escape this launcher writes
    [InlineData("1", @"\x4")]         // truncated
    [InlineData("1", @"\x41")]        // a valid byte is never escaped
    [InlineData("1", @"a\")]          // a lone backslash at the end
    public void Escapes_this_launcher_cannot_have_written_are_rejected(string positions, string argument)
    {
        Assert.Null(ArgumentEscaping.Restore(["--tykky-inner", "--escaped", positions, argument]));
    }

    [Fact]
    public void A_protected_inner_step_request_decodes_to_the_original_bytes()
    {
        // Arrange
        var tricky = Bytes(0x66, 0xFF, 0xFE, 0x80);
        var request = new InnerStepRequest(null, [], false, new ProgramLaunch(new ProgramPath("/opt/bin/x"), tricky, ["a", tricky, "\\"]));

        // Act
        var decoded = InnerStepRequest.Decode(ArgumentEscaping.Protect(request.Encode()));

        // Assert
        Assert.Equal(PosixText.Encode(tricky), PosixText.Encode(decoded.Launch.Argv0!));
        Assert.Equal(["a", tricky, "\\"], decoded.Launch.Arguments);
    }

    [Fact]
    public void A_malformed_escape_is_a_bad_request()
    {
        var failure = Assert.Throws<Diagnostics.LaunchException>(() => InnerStepRequest.Decode(["--tykky-inner", "--escaped", "3", "--exec-path", "/bin/x", @"\z"]));

        Assert.Equal("tykky: bad inner-step arguments '--tykky-inner': malformed --escaped argument; this launcher starts itself this way, do not call it by hand", failure.ToLine());
    }
}
