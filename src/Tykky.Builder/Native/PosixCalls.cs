using System.Runtime.InteropServices;

namespace Tykky.Builder.Native;

/// <summary>
/// The system calls of a deploy, made directly so that each is exactly one syscall (the atomic
/// switch must be one rename(2)) and its errno reaches the message.
/// </summary>
public static partial class PosixCalls
{
    /// <summary>errno ENOLCK: no locks available (NFS without a lock daemon).</summary>
    public const int NoLocks = 37;

    /// <summary>errno EWOULDBLOCK (EAGAIN): the lock is held.</summary>
    public const int WouldBlock = 11;

    private const int LOCK_EX = 2;
    private const int LOCK_NB = 4;
    private const int O_RDWR = 2;
    private const int O_CREAT = 0x40;
    private const int O_CLOEXEC = 0x80000;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rename(string source, string target);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string existing, string newPath);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    /// <summary>rename(2): replaces <paramref name="target"/> atomically; throws an IOException carrying errno as HResult.</summary>
    public static void Rename(string source, string target)
    {
        if (rename(source, target) != 0)
        {
            throw Failure($"Cannot rename '{source}' to '{target}'");
        }
    }

    /// <summary>errno values of a hard link the filesystem does not make: across directories (BeeGFS), none at all (a FUSE filesystem without link), or too many to one file.</summary>
    private static readonly int[] HardLinksUnsupported = [1 /* EPERM */, 18 /* EXDEV */, 31 /* EMLINK */, 38 /* ENOSYS */, 95 /* EOPNOTSUPP */];

    /// <summary>
    /// link(2): <paramref name="newPath"/> becomes another name of <paramref name="existing"/>. False
    /// when the filesystem makes no such link; throws an IOException carrying errno for any other failure.
    /// </summary>
    public static bool TryHardLink(string existing, string newPath)
    {
        if (link(existing, newPath) == 0)
        {
            return true;
        }
        return HardLinksUnsupported.Contains(Marshal.GetLastPInvokeError()) ? false : throw Failure($"Cannot link '{newPath}' to '{existing}'");
    }

    /// <summary>Opens (creating, mode 0666 less the umask) <paramref name="path"/> for a lock; the descriptor is not inherited by child processes.</summary>
    public static int OpenForLock(string path)
    {
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0x1b6);
        return fd >= 0 ? fd : throw Failure($"Cannot open the lock file '{path}'");
    }

    /// <summary>flock(LOCK_EX|LOCK_NB); returns 0 when taken, else the errno.</summary>
    public static int TryLockExclusive(int fd) => flock(fd, LOCK_EX | LOCK_NB) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>True when <paramref name="path"/> names the file open as <paramref name="fd"/> (it was not removed or replaced since).</summary>
    public static bool DescriptorNames(int fd, string path)
    {
        var open = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        return open is not null && open == Path.GetFullPath(PosixDirectories.Canonical(path));
    }

    /// <summary>Closes <paramref name="fd"/> (and so releases its lock).</summary>
    public static void Close(int fd) => close(fd);

    /// <summary>The text of an errno.</summary>
    public static string ErrorText(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    private static IOException Failure(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{what}: {ErrorText(errno)}", errno);
    }
}
