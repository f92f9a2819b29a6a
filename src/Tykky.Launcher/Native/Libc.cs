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
    public const int SIGPIPE = 13;
    public const int PR_SET_PDEATHSIG = 1;
    public const int PR_CAPBSET_DROP = 24;
    public const int PR_CAP_AMBIENT = 47;
    public const int PR_CAP_AMBIENT_CLEAR_ALL = 4;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int execve(byte* path, byte** argv, byte** envp);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int access(byte* path, int mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint readlink(byte* path, byte* buffer, nint size);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint signal(int signum, nint handler);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int capset(CapHeader* header, CapData* data);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int posix_spawn(int* pid, byte* path, nint fileActions, nint attributes, byte** argv, byte** envp);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int waitpid(int pid, int* status, int options);

    [LibraryImport("libc")]
    public static partial byte* strerror(int errnum);

    [LibraryImport("libc")]
    public static partial uint getuid();

    [LibraryImport("libc", SetLastError = true)]
    public static partial byte* realpath(byte* path, byte* resolved);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint opendir(byte* path);

    [LibraryImport("libc", SetLastError = true)]
    public static partial byte* readdir64(nint directory);

    [LibraryImport("libc")]
    public static partial int closedir(nint directory);

    [LibraryImport("libc")]
    public static partial void free(void* pointer);

    /// <summary>Header of <c>capset(2)</c>; version 3 takes two <see cref="CapData"/> words.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    /// <summary>One 32-bit word of each capability set for <c>capset(2)</c>.</summary>
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
