namespace Tykky.Launcher.Native;

/// <summary>
/// Names of open descriptors: <c>/proc/self/fd/N</c>, which the kernel resolves to the open file
/// itself, without walking its path again. On a parallel filesystem every component of a path walk
/// is a metadata round trip (no client caches them for long under load); an installation's files lie
/// three or more components below the prefix, and a launch reads five. Such a name is for this
/// process's own calls (and the path of its execve, resolved before close-on-exec descriptors
/// close), never for another process.
/// </summary>
internal static unsafe class DescriptorNames
{
    /// <summary>The name of <paramref name="fd"/> in this process.</summary>
    public static string Of(int fd) => "/proc/self/fd/" + fd.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The lowest descriptor a name is kept on: below it, a child of this process gets its own by dup2 before its exec resolves its path.</summary>
    private const int FirstNamedDescriptor = 10;

    /// <summary>
    /// Opens <paramref name="directory"/> (O_PATH, close-on-exec, never closed: the process image is
    /// replaced soon) on a descriptor of <see cref="FirstNamedDescriptor"/> or above and returns its
    /// name, or <paramref name="directory"/> itself when it cannot be opened (the reads then report
    /// what is wrong). Only for a process that has /proc. A child spawned with descriptors 3 and 4 in
    /// place (the keeper's start) still finds its program by that name.
    /// </summary>
    public static string OpenDirectory(string directory)
    {
        var opened = OpenPath(directory, Libc.O_DIRECTORY);
        if (opened < 0)
        {
            return directory;
        }
        if (opened >= FirstNamedDescriptor)
        {
            return Of(opened);
        }
        var moved = Libc.fcntl(opened, Libc.F_DUPFD_CLOEXEC, FirstNamedDescriptor);
        Libc.close(opened);
        return moved >= 0 ? Of(moved) : directory;
    }

    /// <summary>Opens <paramref name="path"/> O_PATH and close-on-exec, with more <paramref name="flags"/>; the descriptor, or -1.</summary>
    public static int OpenPath(string path, int flags)
    {
        fixed (byte* p = PosixText.EncodeNullTerminated(path))
        {
            return Libc.open(p, Libc.O_PATH | Libc.O_CLOEXEC | flags, 0);
        }
    }
}
