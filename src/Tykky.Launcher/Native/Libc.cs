using System.Runtime.InteropServices;

namespace Tykky.Launcher.Native;

/// <summary>
/// The libc calls the launcher needs, bound with <c>LibraryImport</c> so that NativeAOT links them
/// directly (see <c>DirectPInvoke</c> in the project) and errno survives the call.
/// Strings cross as NUL-terminated byte arrays produced by <see cref="PosixText"/>.
/// </summary>
internal static unsafe partial class Libc
{
    public const int X_OK = 1;
    public const int O_RDONLY = 0;
    public const int O_RDWR = 2;
    public const int O_CLOEXEC = 0x80000;
    public const int F_GETFD = 1;
    public const int SEEK_SET = 0;
    public const int EINTR = 4;
    public const int EBADF = 9;
    public const int SIGPIPE = 13;
    public const int PR_SET_PDEATHSIG = 1;
    public const int PR_CAPBSET_DROP = 24;
    public const int PR_CAP_AMBIENT = 47;
    public const int PR_CAP_AMBIENT_CLEAR_ALL = 4;
    public const int O_WRONLY = 1;
    public const int O_CREAT = 0x40;
    public const int F_DUPFD_CLOEXEC = 1030;
    public const int LOCK_SH = 1;
    public const int LOCK_EX = 2;
    public const int LOCK_UN = 8;
    public const short POLLIN = 1;

    /// <summary>Room for glibc's posix_spawn_file_actions_t (80 bytes on x86_64 and aarch64).</summary>
    public const int SpawnFileActionsSize = 256;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int execve(byte* path, byte** argv, byte** envp);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int access(byte* path, int mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint pread(int fd, byte* buffer, nint count, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int open(byte* path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int command, int argument);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int memfd_create(byte* name, uint flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial long lseek(int fd, long offset, int whence);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint readlink(byte* path, byte* buffer, nint size);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint signal(int signum, nint handler);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int capset(CapHeader* header, CapData* data);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int capget(CapHeader* header, CapData* data);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int posix_spawn(int* pid, byte* path, nint fileActions, nint attributes, byte** argv, byte** envp);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int waitpid(int pid, int* status, int options);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newFd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int posix_spawn_file_actions_addopen(void* actions, int fd, byte* path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int flock(int fd, int operation);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc")]
    public static partial byte* strerror(int errnum);

    [LibraryImport("libc")]
    public static partial uint getuid();

    [LibraryImport("libc", SetLastError = true)]
    public static partial byte* realpath(byte* path, byte* resolved);

    [LibraryImport("libc", SetLastError = true)]
    public static partial byte* getcwd(byte* buffer, nint size);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint opendir(byte* path);

    [LibraryImport("libc", SetLastError = true)]
    public static partial byte* readdir64(nint directory);

    [LibraryImport("libc")]
    public static partial int closedir(nint directory);

    [LibraryImport("libc")]
    public static partial void free(void* pointer);

    public const int O_PATH = 0x200000;

    /// <summary>arm64 keeps 32-bit ARM's values of O_DIRECTORY and O_NOFOLLOW (glibc's bits/fcntl.h for aarch64).</summary>
    public static readonly int O_DIRECTORY = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x4000 : 0x10000;

    /// <inheritdoc cref="O_DIRECTORY"/>
    public static readonly int O_NOFOLLOW = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000;

    public const ulong MS_RDONLY = 1;
    public const ulong MS_NOSUID = 2;
    public const ulong MS_NODEV = 4;
    public const ulong MS_REMOUNT = 32;
    public const ulong MS_BIND = 4096;
    public const ulong MS_REC = 16384;
    public const int MNT_DETACH = 2;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int mount(byte* source, byte* target, byte* fileSystemType, ulong flags, byte* data);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int umount2(byte* target, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int mkdir(byte* path, int mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int symlink(byte* target, byte* linkPath);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int rename(byte* oldPath, byte* newPath);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int unlink(byte* path);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint sendfile(int outFd, int inFd, long* offset, nuint count);

    public const int O_EXCL = 0x80;
    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const int AT_EMPTY_PATH = 0x1000;

    /// <summary>statx(2) answers from the attributes the kernel holds, with no round trip to a network or FUSE filesystem.</summary>
    public const int AT_STATX_DONT_SYNC = 0x4000;

    public const uint STATX_BASIC_STATS = 0x7ff;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int statx(int directoryFd, byte* path, int flags, uint mask, Statx* result);

    /// <summary>The fields of Linux's <c>struct statx</c> (256 bytes, the same on every architecture) that the launcher reads.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct Statx
    {
        [FieldOffset(20)]
        public uint Uid;
        [FieldOffset(28)]
        public ushort Mode;
        [FieldOffset(32)]
        public ulong Inode;
        [FieldOffset(40)]
        public ulong Size;
        [FieldOffset(96)]
        public long ChangeSeconds;
        [FieldOffset(104)]
        public uint ChangeNanoseconds;
        [FieldOffset(136)]
        public uint DeviceMajor;
        [FieldOffset(140)]
        public uint DeviceMinor;
    }

    /// <summary>Header of <c>capget(2)</c>/<c>capset(2)</c>; version 3 takes two <see cref="CapData"/> words.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    /// <summary><c>struct pollfd</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>One 32-bit word of each capability set for <c>capget(2)</c>/<c>capset(2)</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    /// <summary>The text of an errno value, as <c>strerror(3)</c> gives it.</summary>
    public static string ErrorText(int errno) => Marshal.PtrToStringUTF8((nint)strerror(errno)) ?? $"errno {errno}";
}
