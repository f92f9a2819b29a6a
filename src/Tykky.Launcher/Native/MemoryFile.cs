using System.Runtime.InteropServices;
using Tykky.Launcher.Diagnostics;

namespace Tykky.Launcher.Native;

/// <summary>
/// Lists of strings handed to another process through an inherited file descriptor, as
/// NUL-terminated strings (bubblewrap's <c>--args</c> format; see <see cref="Planning.BwrapArgumentFiles"/>).
/// </summary>
internal static unsafe class MemoryFile
{
    /// <summary>
    /// A memfd (Linux 3.17 and later) holding <paramref name="items"/>, positioned at its start and
    /// left open across exec: fds 0-2 are open by now (<see cref="StandardDescriptors"/>), so it never
    /// takes one of them. Returns its number.
    /// </summary>
    public static int Create(string name, IReadOnlyList<string> items)
    {
        var encodedName = PosixText.EncodeNullTerminated(name);
        int fd;
        fixed (byte* n = encodedName)
        {
            fd = Libc.memfd_create(n, 0);
        }
        if (fd < 0)
        {
            throw Failed("cannot create a memory file for the arguments", name);
        }
        var contents = new List<byte>();
        foreach (var item in items)
        {
            contents.AddRange(PosixText.EncodeNullTerminated(item));
        }
        // bubblewrap and the inner step read from the file's offset: back to its start
        if (!PosixFiles.WriteAll(fd, contents.ToArray()) || Libc.lseek(fd, 0, Libc.SEEK_SET) != 0)
        {
            throw Failed("cannot write the arguments to a memory file", name);
        }
        return fd;
    }

    /// <summary>Reads <paramref name="fd"/> to its end, closes it, and splits it into its strings.</summary>
    public static IReadOnlyList<string> ReadAndClose(int fd)
    {
        var contents = PosixFiles.ReadToEnd(fd, out var error);
        Libc.close(fd);
        return contents is null
            ? throw new LaunchException("cannot read the inner step's request", $"fd {fd}", Libc.ErrorText(error), ExitCode.Unavailable)
            : PosixText.SplitNulSeparated(contents);
    }

    private static LaunchException Failed(string what, string name) =>
        new(what, name, Libc.ErrorText(Marshal.GetLastPInvokeError()), ExitCode.Unavailable);
}
