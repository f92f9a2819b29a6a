namespace Tykky.Builder;

/// <summary>
/// A failure reported to the user as one <c>[ ERROR ]</c> line: the message names the file, flag or
/// tool concerned and what to do. Thrown anywhere; only the command action prints it.
/// </summary>
/// <param name="message">The one line.</param>
/// <param name="details">Lines printed under it as they are, e.g. a tool's complete error report.</param>
public sealed class BuildException(string message, IReadOnlyList<string>? details = null) : Exception(message)
{
    /// <summary>Lines printed under the message (indented), e.g. the block of a tool's output that says what went wrong.</summary>
    public IReadOnlyList<string> Details { get; } = details ?? [];
}
