using System.Runtime.InteropServices;

namespace Tykky.Launcher.Native;

/// <summary>
/// Makes file descriptors 0, 1 and 2 safe for the launcher and its helpers, and gives the program
/// back the ones that were closed (issue #9.7).
/// <para>
/// Daemons and schedulers start programs with some of these closed. Every file the launcher or a
/// helper then opens lands on the lowest free number: squashfuse opened the image on fd 0 or 1 and
/// lost it when libfuse's daemonizing pointed 0-2 at /dev/null, and an error line meant for fd 2 could
/// land in a file opened there. So the closed ones get /dev/null first, before anything is opened,
/// and stay open (without close-on-exec) through bubblewrap or apptainer to the inner step, which
/// closes them again just before the program's exec: the program sees its descriptors as its caller
/// left them, closed ones closed.
/// </para>
/// </summary>
internal static unsafe class StandardDescriptors
{
    /// <summary>Opens /dev/null on each of fds 0-2 that is closed; returns those numbers, ascending.</summary>
    public static IReadOnlyList<int> OpenClosedOnDevNull()
    {
        List<int>? closed = null;
        for (var fd = 0; fd <= 2; fd++)
        {
            if (Libc.fcntl(fd, Libc.F_GETFD, 0) >= 0 || Marshal.GetLastPInvokeError() != Libc.EBADF)
            {
                continue;
            }
            // The lowest free number is this one: every lower one is open by now.
            fixed (byte* path = "/dev/null\0"u8)
            {
                var opened = Libc.open(path, Libc.O_RDWR, 0);
                if (opened != fd)
                {
                    // without /dev/null there is nothing better to do; the fd stays closed
                    _ = opened >= 0 ? Libc.close(opened) : 0;
                    continue;
                }
            }
            (closed ??= []).Add(fd);
        }
        return closed ?? (IReadOnlyList<int>)[];
    }

    /// <summary>Closes <paramref name="descriptors"/> again (the ones <see cref="OpenClosedOnDevNull"/> opened).</summary>
    public static void Close(IReadOnlyList<int> descriptors)
    {
        foreach (var fd in descriptors)
        {
            Libc.close(fd);
        }
    }
}
