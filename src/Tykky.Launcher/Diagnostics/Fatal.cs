using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Tykky.Launcher.Native;

namespace Tykky.Launcher.Diagnostics;

/// <summary>
/// The launcher's one fatal path: a single line on fd 2 and an exit code. Every line the launcher
/// prints (errors, warnings) goes through <see cref="WriteLine"/>.
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

    /// <summary>
    /// Writes one line to fd 2 with one write(2) at the descriptor's own offset. A FileStream (or
    /// System.Console) would pwrite(2) at the position it read when opened: in a job's
    /// <c>{ echo A; wrapper; echo B; } &gt; out 2&gt;&amp;1</c> the shared offset then never moves and
    /// "B" overwrites the line (issue #9.8). Errors are ignored: with fd 2 closed or full there is
    /// nowhere to report them, and the exit code still tells.
    /// </summary>
    public static void WriteLine(string line) => PosixFiles.WriteAll(2, PosixText.Encode(line + "\n"));
}
