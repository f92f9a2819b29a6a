using System.Runtime.InteropServices;
using Tykky.Launcher.Diagnostics;

namespace Tykky.Launcher.Native;

/// <summary>
/// Runs a helper (squashfuse) to completion with posix_spawn: the fork and exec happen in libc, so no
/// managed code runs in the child (.NET's Process.Unix.cs explains why that matters).
/// </summary>
internal static unsafe class ChildProcess
{
    /// <summary>Runs <paramref name="argv"/> with <paramref name="environment"/>; returns its exit status, or 128+N when killed by signal N.</summary>
    public static int Run(IReadOnlyList<string> argv, IReadOnlyList<string> environment)
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
        int status;
        while (Libc.waitpid(pid, &status, 0) < 0)
        {
            if (Marshal.GetLastPInvokeError() != 4) // EINTR
            {
                throw new LaunchException("cannot wait for", argv[0], Libc.ErrorText(Marshal.GetLastPInvokeError()), ExitCode.Unavailable);
            }
        }
        var signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }
}
