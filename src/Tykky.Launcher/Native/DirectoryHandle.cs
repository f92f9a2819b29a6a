namespace Tykky.Launcher.Native;

/// <summary>
/// A directory opened once (O_PATH) and named through <c>/proc/self/fd/N</c> from then on: the kernel
/// jumps to the open directory and looks up only the names below it. On a parallel filesystem every
/// component of a path walk is a metadata round trip (no client caches them for long under load);
/// an installation's files lie three or more components below the prefix, and a launch reads five.
/// The descriptor is close-on-exec: such a name is for this process's own reads and for the path of
/// its execve (resolved before the descriptors close), never for another process.
/// </summary>
internal static unsafe class DirectoryHandle
{
    private const int O_DIRECTORY = 0x10000;
    private const int O_PATH = 0x200000;

    /// <summary>
    /// A name that reaches <paramref name="directory"/> without walking its path, or
    /// <paramref name="directory"/> itself when it cannot be opened (the reads then report what is wrong).
    /// Only for a process that has /proc (the caller read /proc/self/exe).
    /// </summary>
    public static string Open(string directory)
    {
        var encoded = PosixText.EncodeNullTerminated(directory);
        fixed (byte* p = encoded)
        {
            var fd = Libc.open(p, Libc.O_RDONLY | O_PATH | O_DIRECTORY | Libc.O_CLOEXEC, 0);
            return fd < 0 ? directory : "/proc/self/fd/" + fd.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
