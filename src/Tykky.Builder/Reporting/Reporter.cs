namespace Tykky.Builder.Reporting;

/// <summary>Verbosity levels of CW_LOG_LEVEL / log_level (upstream's numbering).</summary>
public enum LogLevel
{
    /// <summary>Only errors.</summary>
    Error = 0,

    /// <summary>Errors and warnings.</summary>
    Warning = 1,

    /// <summary>General progress (the default).</summary>
    Info = 2,

    /// <summary>Everything, including the commands run.</summary>
    Debug = 3,
}

/// <summary>
/// The builder's messages, in upstream Tykky's format (<c>[ INFO ] ...</c>). Progress goes to stdout,
/// warnings and errors to stderr; every line is also appended to the build log when one is open.
/// A package manager's output is shown live: on a terminal (<paramref name="terminalWidth"/> set) as one
/// line rewritten in place, otherwise as plain indented lines.
/// </summary>
public sealed class Reporter(LogLevel level, TextWriter output, TextWriter errors, int? terminalWidth = null)
{
    /// <summary>Erases the terminal line and returns to its start.</summary>
    private const string ClearLine = "\r\x1b[2K";

    private TextWriter? _log;
    private bool _progressShown;

    /// <summary>The verbosity in effect.</summary>
    public LogLevel Level { get; private set; } = level;

    /// <summary>A reporter for the process's own stdout/stderr at the level of CW_LOG_LEVEL (info when unset).</summary>
    public static Reporter ForConsole() =>
        new(LevelFrom(Environment.GetEnvironmentVariable("CW_LOG_LEVEL")) ?? LogLevel.Info, Console.Out, Console.Error, TerminalWidth());

    /// <summary>Parses a log level value ("0".."3", larger means debug); null when unset or not a number.</summary>
    public static LogLevel? LevelFrom(string? value) =>
        int.TryParse(value, out var number) ? (LogLevel)Math.Clamp(number, 0, 3) : null;

    /// <summary>Changes the verbosity (the config's log_level applies once it is read; CW_LOG_LEVEL wins).</summary>
    public void UseLevel(LogLevel level) => Level = level;

    /// <summary>Copies every following line into <paramref name="log"/> as well.</summary>
    public void AttachLog(TextWriter? log)
    {
        _log = log;
        LogFailure = null;
    }

    /// <summary>
    /// Why the build log could not be written (a full disk), or null. A failed log write never throws
    /// where it happens (tool output arrives on other threads); the log is detached and the build
    /// checks this between steps.
    /// </summary>
    public IOException? LogFailure { get; private set; }

    /// <summary>General progress.</summary>
    public void Info(string message) => Write(LogLevel.Info, "INFO", message, output);

    /// <summary>Details for debugging.</summary>
    public void Debug(string message) => Write(LogLevel.Debug, "DEBUG", message, output);

    /// <summary>Something the user should know; the build goes on.</summary>
    public void Warning(string message) => Write(LogLevel.Warning, "WARNING", message, errors);

    /// <summary>Why the build stopped, and under it <paramref name="details"/> (a tool's error report) indented as they are.</summary>
    public void Error(string message, IReadOnlyList<string>? details = null)
    {
        Write(LogLevel.Error, "ERROR", message, errors);
        foreach (var line in details ?? [])
        {
            var indented = ("    " + line).TrimEnd();
            _log?.WriteLine(indented);
            if (Level >= LogLevel.Error)
            {
                errors.WriteLine(indented);
            }
        }
    }

    /// <summary>A raw line of a tool's output (shown at debug level, always logged).</summary>
    public void ToolOutput(string line)
    {
        Log(line);
        if (Level >= LogLevel.Debug)
        {
            output.WriteLine(line);
        }
    }

    /// <summary>
    /// A line of a package manager's output, shown live: always logged; at debug level printed in full;
    /// at info level rewritten in place on a terminal, or printed indented otherwise.
    /// </summary>
    public void Progress(string line)
    {
        Log(line);
        if (Level >= LogLevel.Debug)
        {
            output.WriteLine(line);
        }
        else if (Level >= LogLevel.Info && terminalWidth is { } width)
        {
            output.Write(ClearLine + ProgressLine.Format(line, width));
            output.Flush();
            _progressShown = true;
        }
        else if (Level >= LogLevel.Info)
        {
            output.WriteLine("    " + line);
        }
    }

    /// <summary>Removes the live progress line (when the tool has finished).</summary>
    public void EndProgress()
    {
        if (_progressShown)
        {
            output.Write(ClearLine);
            output.Flush();
            _progressShown = false;
        }
    }

    private void Log(string line)
    {
        try
        {
            _log?.WriteLine(line);
        }
        catch (IOException e)
        {
            LogFailure ??= e;
            _log = null;
        }
    }

    private void Write(LogLevel messageLevel, string tag, string message, TextWriter target)
    {
        var line = $"[ {tag} ] {message}";
        Log(line);
        if (Level >= messageLevel)
        {
            EndProgress();
            target.WriteLine(line);
        }
    }

    /// <summary>The width of the terminal stdout is, or null when stdout is not a terminal.</summary>
    private static int? TerminalWidth()
    {
        if (Console.IsOutputRedirected)
        {
            return null;
        }
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
