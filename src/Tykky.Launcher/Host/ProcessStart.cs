using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Host;

/// <summary>
/// The launcher's own argv and environment, byte-exact. .NET decodes both as UTF-8 and replaces
/// invalid bytes, so they are read from /proc/self/cmdline and /proc/self/environ instead; the
/// .NET values are the fallback when /proc is not mounted.
/// </summary>
/// <param name="Argv">argv, argv[0] first.</param>
/// <param name="Environment">The environment.</param>
/// <param name="ClosedStandardDescriptors">Of fds 0-2, those that were closed (now /dev/null).</param>
/// <param name="WorkingDirectory">The current directory, or null when it cannot be named (removed, or unreadable): the shell's
/// $PWD when it names that directory (as <c>pwd -L</c>: <c>cd prefix/bin</c> keeps the stable path, not the
/// generation's), else the physical one.</param>
internal sealed record ProcessStart(IReadOnlyList<string> Argv, EnvironmentVariables Environment, IReadOnlyList<int> ClosedStandardDescriptors, string? WorkingDirectory)
{
    /// <summary>Makes fds 0-2 safe, then reads the current process's start arguments, environment and directory.</summary>
    public static ProcessStart Read()
    {
        // before anything is opened: a file opened now could land on a closed fd 0-2
        var closed = StandardDescriptors.OpenClosedOnDevNull();
        var cmdline = PosixFiles.TryReadAll("/proc/self/cmdline");
        var argv = cmdline is { Length: > 0 } ? PosixText.SplitNulSeparated(cmdline) : System.Environment.GetCommandLineArgs();
        var environ = PosixFiles.TryReadAll("/proc/self/environ");
        var environment = environ is not null
            ? EnvironmentVariables.FromEntries(PosixText.SplitNulSeparated(environ))
            : EnvironmentVariables.FromEntries(System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Select(name => $"{name}={System.Environment.GetEnvironmentVariable(name)}"));
        return new ProcessStart(argv, environment, closed, LogicalWorkingDirectory(environment.Get("PWD"), PosixFiles.WorkingDirectory()));
    }

    private static string? LogicalWorkingDirectory(string? pwd, string? physical) =>
        physical is not null && pwd is { Length: > 0 } && pwd.StartsWith('/') && PosixFiles.RealPath(pwd) == physical ? pwd : physical;
}
