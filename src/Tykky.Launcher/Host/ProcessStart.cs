using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Host;

/// <summary>
/// The launcher's own argv and environment, byte-exact. .NET decodes both as UTF-8 and replaces
/// invalid bytes, so they are read from /proc/self/cmdline and /proc/self/environ instead; the
/// .NET values are the fallback when /proc is not mounted.
/// </summary>
internal sealed record ProcessStart(IReadOnlyList<string> Argv, EnvironmentVariables Environment)
{
    /// <summary>Reads the current process's start arguments and environment.</summary>
    public static ProcessStart Read()
    {
        var cmdline = PosixFiles.TryReadAll("/proc/self/cmdline");
        var argv = cmdline is { Length: > 0 } ? PosixText.SplitNulSeparated(cmdline) : System.Environment.GetCommandLineArgs();
        var environ = PosixFiles.TryReadAll("/proc/self/environ");
        var environment = environ is not null
            ? EnvironmentVariables.FromEntries(PosixText.SplitNulSeparated(environ))
            : EnvironmentVariables.FromEntries(System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Select(name => $"{name}={System.Environment.GetEnvironmentVariable(name)}"));
        return new ProcessStart(argv, environment);
    }
}
