using System.Runtime.InteropServices;
using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Inner;

/// <summary>
/// An image file open for reading (close-on-exec) while it is mounted at <paramref name="Mount"/>: its
/// check and a keeper's read-ahead (<see cref="Keeper.ImageReadAhead"/>) read it through this one
/// descriptor, so its path is looked up once more only by squashfuse (each look-up is a metadata round
/// trip per component on a parallel filesystem).
/// </summary>
/// <param name="Mount">The image, its offset and where it is mounted.</param>
/// <param name="Fd">The open image.</param>
internal sealed record OpenImage(ImageMount Mount, int Fd) : IDisposable
{
    /// <summary>Opens <paramref name="mount"/>'s image and checks that it holds a squashfs at its offset; a missing or damaged one is reported as what it is.</summary>
    public static OpenImage Open(ImageMount mount)
    {
        var fd = PosixFiles.OpenForReading(mount.Image);
        var problem = fd < 0
            ? $"{Libc.ErrorText(Marshal.GetLastPInvokeError())}: the installation's image is missing or unreadable; restore the file or rebuild the installation"
            : SquashfsMagic.Check(fd, mount.Offset);
        if (problem is null)
        {
            return new OpenImage(mount, fd);
        }
        if (fd >= 0)
        {
            Libc.close(fd);
        }
        throw new LaunchException("cannot mount image", mount.Image, problem, ExitCode.Config);
    }

    public void Dispose() => Libc.close(Fd);
}
