using System.Runtime.InteropServices;
using Tykky.Launcher.Diagnostics;

namespace Tykky.Launcher.Native;

/// <summary>
/// Starts a helper (squashfuse) with posix_spawn and waits for it: the fork and exec happen in libc, so
/// no managed code runs in the child (.NET's Process.Unix.cs explains why that matters).
/// </summary>
internal static unsafe class ChildProcess
{
    /// <summary>Starts <paramref name="argv"/> with <paramref name="environment"/>; returns its pid.</summary>
    public static int Start(IReadOnlyList<string> argv, IReadOnlyList<string> environment)
    {
        using var nativeArgv = new NativeStringArray(argv);
        using var nativeEnvironment = new NativeStringArray(environment);
        var path = PosixText.EncodeNullTerminated(argv[0]);
        int pid;
        fixed (byte* p = path)
        {
            var error = Libc.posix_spawn(&pid, p, 0, 0, nativeArgv.Pointer, nativeEnvironment.Pointer);
            if (error != 0)
            {
                throw new LaunchException("cannot start", argv[0], Libc.ErrorText(error), ExitCode.Unavailable);
            }
        }
        return pid;
    }

    /// <summary>Waits for the child <paramref name="pid"/> (<paramref name="name"/>, for errors) to end; returns its exit status, or 128+N when killed by signal N.</summary>
    public static int Wait(int pid, string name)
    {
        int status;
        while (Libc.waitpid(pid, &status, 0) < 0)
        {
            if (Marshal.GetLastPInvokeError() != 4) // EINTR
            {
                throw new LaunchException("cannot wait for", name, Libc.ErrorText(Marshal.GetLastPInvokeError()), ExitCode.Unavailable);
            }
        }
        var signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }
}
