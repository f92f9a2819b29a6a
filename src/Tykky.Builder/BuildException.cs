namespace Tykky.Builder;

/// <summary>
/// A failure reported to the user as one <c>[ ERROR ]</c> line: the message names the file, flag or
/// tool concerned and what to do. Thrown anywhere; only the command action prints it.
/// </summary>
public sealed class BuildException(string message) : Exception(message);
