using System.Runtime.InteropServices;
using Tykky.Launcher.Native;

namespace Tykky.Launcher.Inner;

/// <summary>Tells whether a file holds a squashfs filesystem at an offset, from its superblock's magic.</summary>
internal static unsafe class SquashfsMagic
{
    /// <summary>"hsqs": the little-endian magic 0x73717368 every squashfs superblock starts with.</summary>
    private static ReadOnlySpan<byte> Magic => "hsqs"u8;

    /// <summary>Null when <paramref name="image"/> holds a squashfs at <paramref name="offset"/>; otherwise what is wrong with it, for the user.</summary>
    public static string? Check(string image, long offset)
    {
        var path = PosixText.EncodeNullTerminated(image);
        int fd;
        fixed (byte* p = path)
        {
            fd = Libc.open(p, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        }
        if (fd < 0)
        {
            return $"{Libc.ErrorText(Marshal.GetLastPInvokeError())}; the installation's image is missing or unreadable: rebuild the installation or restore the file";
        }
        Span<byte> head = stackalloc byte[4];
        nint read;
        fixed (byte* h = head)
        {
            read = Libc.pread(fd, h, head.Length, offset);
        }
        var errno = Marshal.GetLastPInvokeError();
        Libc.close(fd);
        return read switch
        {
            < 0 => $"{Libc.ErrorText(errno)}; the installation's image cannot be read",
            4 when head.SequenceEqual(Magic) => null,
            4 => $"not a squashfs image (it starts with {Convert.ToHexString(head).ToLowerInvariant()}{(offset == 0 ? "" : $" at byte {offset}")}, a squashfs with 68737173 'hsqs'); the file is damaged or was replaced: rebuild the installation",
            _ => $"not a squashfs image (only {read} bytes{(offset == 0 ? "" : $" from byte {offset}")}); the file is truncated: rebuild the installation",
        };
    }
}
