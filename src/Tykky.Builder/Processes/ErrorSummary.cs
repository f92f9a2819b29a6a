using System.Text.RegularExpressions;

namespace Tykky.Builder.Processes;

/// <summary>
/// Picks the line of a failed tool's output that says what went wrong, so that the one error line
/// carries it: pip's last "ERROR: ..." ("No matching distribution found for ..."), conda's and mamba's
/// "PackagesNotFoundError: ..." style exceptions, Spack's first "==> Error: ...", uv's "error: ...". Pure.
/// </summary>
public static partial class ErrorSummary
{
    /// <summary>The telling line of <paramref name="output"/>, or null when none is recognised.</summary>
    public static string? Find(IReadOnlyList<string> output)
    {
        string? LastMatch(Regex pattern) => output.LastOrDefault(line => pattern.IsMatch(line))?.Trim();
        string? FirstMatch(Regex pattern) => output.FirstOrDefault(line => pattern.IsMatch(line))?.Trim();
        return LastMatch(PipError()) ?? FirstMatch(SpackError()) ?? FirstMatch(NamedException()) ?? FirstMatch(LowercaseError());
    }

    /// <summary>pip: "ERROR: No matching distribution found for nosuchpkg" (the last one is the conclusion).</summary>
    [GeneratedRegex(@"^ERROR: ")]
    private static partial Regex PipError();

    /// <summary>Spack: "==> Error: Package 'x' not found." (the first is the cause; "Terminating after first install failure" follows).</summary>
    [GeneratedRegex(@"^==> Error: ")]
    private static partial Regex SpackError();

    /// <summary>conda/mamba: "PackagesNotFoundError: ...", "ResolvePackageNotFound:", "LibMambaUnsatisfiableError: ...".</summary>
    [GeneratedRegex(@"^\s*[A-Z][A-Za-z]*(Error|NotFound):")]
    private static partial Regex NamedException();

    /// <summary>uv and many others: "error: ...".</summary>
    [GeneratedRegex(@"^\s*error: ")]
    private static partial Regex LowercaseError();
}
