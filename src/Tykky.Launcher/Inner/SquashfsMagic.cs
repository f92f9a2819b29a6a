using System.Runtime.InteropServices;
using Tykky.Launcher.Native;

namespace Tykky.Launcher.Inner;

/// <summary>Tells whether a file holds a squashfs filesystem at an offset, from its superblock's magic.</summary>
internal static unsafe class SquashfsMagic
{
    /// <summary>"hsqs": the little-endian magic 0x73717368 every squashfs superblock starts with.</summary>
    private static ReadOnlySpan<byte> Magic => "hsqs"u8;

    /// <summary>Whether <paramref name="head"/> (an image's bytes from the offset on) starts with the magic.</summary>
    public static bool Matches(ReadOnlySpan<byte> head) => head.StartsWith(Magic);

    /// <summary>Null when the image open as <paramref name="fd"/> holds a squashfs at <paramref name="offset"/>; otherwise what is wrong with it, for the user.</summary>
    public static string? Check(int fd, long offset)
    {
        Span<byte> head = stackalloc byte[4];
        nint read;
        fixed (byte* h = head)
        {
            read = Libc.pread(fd, h, head.Length, offset);
        }
        var errno = Marshal.GetLastPInvokeError();
        static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
        static string At(long offset) => offset == 0 ? "" : $" from byte {offset}";
        return read switch
        {
            < 0 => $"{Libc.ErrorText(errno)}: the installation's image cannot be read; restore the file or rebuild the installation",
            4 when Matches(head) => null,
            4 => $"not a squashfs image: it starts with {Hex(head)}{At(offset)}, not 'hsqs' ({Hex(Magic)}); the file is damaged or was replaced: rebuild the installation",
            _ => $"not a squashfs image: it holds only {read} bytes{At(offset)}; the file is truncated: rebuild the installation",
        };
    }
}
