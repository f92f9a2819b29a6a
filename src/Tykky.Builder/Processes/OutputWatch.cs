namespace Tykky.Builder.Processes;

/// <summary>What a running tool's output is remembered by: its last lines and its error report. Not thread-safe.</summary>
public sealed class OutputWatch
{
    /// <summary>Last lines kept for a failure that prints no recognisable report.</summary>
    public const int TailLines = 15;

    private readonly Queue<string> _tail = new();
    private readonly ToolErrorRecognizer _recognizer = new();

    /// <summary>Takes the next line.</summary>
    public void Observe(string line)
    {
        _recognizer.Observe(line);
        _tail.Enqueue(line);
        if (_tail.Count > TailLines)
        {
            _tail.Dequeue();
        }
    }

    /// <summary>The result of the tool that ended with <paramref name="exitCode"/>.</summary>
    public ToolResult Result(int exitCode) => new(exitCode, _tail.ToArray(), _recognizer.Error);
}
