namespace Tykky.Builder.Processes;

/// <summary>The forms in which the build's tools report what went wrong (see <see cref="ToolErrorRecognizer"/>).</summary>
public enum ToolErrorKind
{
    /// <summary>
    /// conda's and Python's <c>NameError: message</c> (<c>PackagesNotFoundError: ...</c>,
    /// <c>ResolvePackageNotFound:</c>, <c>LibMambaUnsatisfiableError: ...</c>), often followed by a
    /// <c>  - NAME</c> list.
    /// </summary>
    NamedException,

    /// <summary>pip's <c>ERROR: ...</c> lines; the last one is the conclusion.</summary>
    PipError,

    /// <summary>mamba's <c>error    libmamba ...</c> / <c>critical libmamba ...</c> and the indented lines under them.</summary>
    LibMamba,

    /// <summary>uv's (and pip's) <c>× ...</c> diagnostics with their <c>╰─▶</c> cause, and <c>error: ...</c>.</summary>
    Diagnostic,

    /// <summary>A Python traceback, concluded by its exception line.</summary>
    PythonTraceback,

    /// <summary>bash's <c>SCRIPT: line N: ...</c>, e.g. a post-install script's command not found.</summary>
    ShellError,

    /// <summary>Spack's <c>==> Error: ...</c> lines; the first is the cause ("Terminating after first install failure" follows).</summary>
    SpackError,
}
