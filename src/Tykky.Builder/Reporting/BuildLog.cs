namespace Tykky.Builder.Reporting;

/// <summary>
/// The build log: every message and every line the tools print. It is written in the build base,
/// beside the build directory rather than inside it, so that it outlives the build directory's
/// cleanup: a failed build keeps it and its error line names it (#8.4); a successful one removes it.
/// The name is bounded (the build directory's name), whatever the prefix is called.
/// All writes to the log go through this class.
/// </summary>
public sealed class BuildLog : IDisposable
{
    private readonly StreamWriter _writer;
    private bool _discard;

    private BuildLog(string path)
    {
        Path = path;
        _writer = new StreamWriter(path) { AutoFlush = true };
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>Where the log goes: its lines are written as they come, so a crash loses none.</summary>
    public TextWriter Writer => _writer;

    /// <summary>Creates the log of the build in <paramref name="buildDirectory"/> (a directory of <paramref name="buildBase"/>).</summary>
    public static BuildLog Open(string buildBase, string buildDirectory) =>
        new(System.IO.Path.Join(buildBase, $"tykky-build-{System.IO.Path.GetFileName(buildDirectory)}.log"));

    /// <summary>The build succeeded: the log is removed when closed.</summary>
    public void Discard() => _discard = true;

    /// <summary>
    /// Closes the log; removes it unless the build failed. Closing flushes: on a full disk that fails
    /// again, and the build's own error (already reported through the reporter) must not be replaced.
    /// </summary>
    public void Dispose()
    {
        try
        {
            _writer.Dispose();
        }
        catch (IOException)
        {
        }
        if (_discard)
        {
            File.Delete(Path);
        }
    }
}
