namespace Tykky.Builder.Steps;

/// <summary>
/// Turns a full filesystem or quota (ENOSPC, EDQUOT) met anywhere in a build into one line saying what
/// was being written and where to make room. .NET carries errno in <see cref="Exception.HResult"/> of
/// the IOExceptions of Unix file operations.
/// </summary>
public static class DiskFull
{
    private const int NoSpace = 28;
    private const int QuotaExceeded = 122;

    /// <summary>True for ENOSPC and EDQUOT.</summary>
    public static bool Is(IOException e) => e.HResult is NoSpace or QuotaExceeded;

    /// <summary>
    /// The error line: <paramref name="activity"/> (the step), the system's words (which name the file),
    /// and which setting chooses the place that is full: the build directory base or the prefix.
    /// </summary>
    public static string Message(IOException e, string activity, string? buildBase, string? prefix)
    {
        var what = e.HResult == QuotaExceeded ? "Disk quota exceeded" : "No space left on device";
        var where = e.Message switch
        {
            var m when buildBase is not null && m.Contains(buildBase, StringComparison.Ordinal) =>
                $"; free space in the build directory base {buildBase} or choose another (CW_BUILD_TMPDIR or build_tmpdir_base)",
            var m when prefix is not null && m.Contains(prefix, StringComparison.Ordinal) =>
                $"; free space in {prefix} or choose another --prefix",
            _ => "; free space there and run the build again",
        };
        return $"{what} while {Lower(activity)} ({e.Message.TrimEnd('.')}){where}; nothing was installed";
    }

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
