namespace Tykky.Builder.Processes;

/// <summary>What a failed tool said went wrong.</summary>
/// <param name="Kind">The form of the report.</param>
/// <param name="Summary">One line for the error message; it names every missing package the block lists.</param>
/// <param name="Lines">The complete block as printed (trailing blank lines removed), at most <see cref="ToolErrorRecognizer.MaxBlockLines"/>.</param>
/// <param name="OmittedLines">Lines of the block beyond the bound (they are in the build log).</param>
public sealed record ToolError(ToolErrorKind Kind, string Summary, IReadOnlyList<string> Lines, int OmittedLines);
