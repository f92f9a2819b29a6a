namespace Tykky.Launcher.Diagnostics;

/// <summary>
/// Exit codes of the launcher's own failures. They follow sysexits.h and the shell's 126/127 so that
/// a job script can tell a broken installation from a failing program (whose code passes through).
/// </summary>
internal enum ExitCode
{
    /// <summary>The launcher was run in a way it does not support (EX_USAGE).</summary>
    Usage = 64,

    /// <summary>A defect in the launcher itself (EX_SOFTWARE).</summary>
    Software = 70,

    /// <summary>A runtime or helper program the installation needs is missing (EX_UNAVAILABLE).</summary>
    Unavailable = 69,

    /// <summary>The installation or its manifest is broken (EX_CONFIG).</summary>
    Config = 78,

    /// <summary>The program or runtime exists but could not be executed (as the shell reports it).</summary>
    CannotExecute = 126,

    /// <summary>The program or runtime was not found (as the shell reports it).</summary>
    NotFound = 127,
}
