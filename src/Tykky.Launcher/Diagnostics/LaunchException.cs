namespace Tykky.Launcher.Diagnostics;

/// <summary>
/// A failure the user must see as one line: what failed, on which path, why (errno text or a hint),
/// and the exit code. Lower layers throw it; only <see cref="Program"/> turns it into output.
/// </summary>
internal sealed class LaunchException(string what, string? path, string reason, ExitCode exitCode)
    : Exception($"{what} '{path}': {reason}")
{
    /// <summary>What failed, e.g. "cannot read manifest".</summary>
    public string What { get; } = what;

    /// <summary>The file or name concerned, if any.</summary>
    public string? PathConcerned { get; } = path;

    /// <summary>Why it failed: the errno text or what to do about it.</summary>
    public string Reason { get; } = reason;

    /// <summary>The exit code of the launcher for this failure.</summary>
    public ExitCode ExitCode { get; } = exitCode;

    /// <summary>The single line written to stderr.</summary>
    public string ToLine() => PathConcerned is null ? $"tykky: {What}: {Reason}" : $"tykky: {What} '{PathConcerned}': {Reason}";
}
