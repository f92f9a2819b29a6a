using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Tykky.Launcher.Native;

namespace Tykky.Launcher.Diagnostics;

/// <summary>
/// The launcher's one fatal path: a single line on fd 2 and an exit code. It writes to the file
/// descriptor directly: System.Console would emit terminal escape codes that survive an exec.
/// </summary>
internal static class Fatal
{
    /// <summary>Writes the failure line and exits the process.</summary>
    [DoesNotReturn]
    public static void Exit(LaunchException failure)
    {
        WriteLine(failure.ToLine());
        Environment.Exit((int)failure.ExitCode);
        throw new UnreachableException();
    }

    /// <summary>Writes one line to standard error, unbuffered.</summary>
    public static void WriteLine(string line)
    {
        using var stderr = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(2, ownsHandle: false), FileAccess.Write, 1);
        var bytes = PosixText.Encode(line + "\n");
        stderr.Write(bytes);
    }
}
