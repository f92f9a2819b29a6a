namespace Tykky.Builder.Processes;

/// <summary>How a tool ended.</summary>
/// <param name="ExitCode">Its exit status.</param>
/// <param name="Tail">Its last lines of output (see <see cref="OutputWatch.TailLines"/>).</param>
/// <param name="Error">The error report found in its whole output, or null.</param>
public sealed record ToolResult(int ExitCode, IReadOnlyList<string> Tail, ToolError? Error);
