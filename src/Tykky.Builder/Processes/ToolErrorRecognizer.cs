using System.Text.RegularExpressions;

namespace Tykky.Builder.Processes;

/// <summary>
/// Finds the error report in a tool's output as the lines pass, however long the output is, and keeps
/// the complete block: conda's <c>PackagesNotFoundError</c> with every <c>  - NAME</c> line, the channel
/// list and the anaconda.org paragraph (16 lines and more: a tail of the output cut it), pip's
/// <c>ERROR:</c> lines, mamba's libmamba report, uv's diagnostics, Spack's <c>==> Error:</c> lines, a traceback, a script's bash error.
/// A block runs from its first line to two blank lines in a row (conda ends its report so), the start
/// of a block of another kind, or its kind's own end; the last block seen is the tool's conclusion.
/// No I/O: the caller feeds lines in the order they were printed.
/// </summary>
public sealed partial class ToolErrorRecognizer
{
    /// <summary>
    /// Lines kept of one block: enough for conda's report of about 150 missing packages; the message
    /// stays readable and the build log holds the rest.
    /// </summary>
    public const int MaxBlockLines = 200;

    /// <summary>How each kind's first line looks, in order of precedence.</summary>
    private static readonly (ToolErrorKind Kind, Regex Start)[] Starts =
    [
        (ToolErrorKind.PythonTraceback, TracebackStart()),
        (ToolErrorKind.NamedException, NamedExceptionStart()),
        (ToolErrorKind.PipError, PipErrorStart()),
        (ToolErrorKind.LibMamba, LibMambaStart()),
        (ToolErrorKind.Diagnostic, DiagnosticStart()),
        (ToolErrorKind.ShellError, ShellErrorStart()),
        (ToolErrorKind.SpackError, SpackErrorStart()),
    ];

    private readonly List<string> _block = [];
    private ToolErrorKind _kind;
    private bool _open;
    private int _omitted;
    private ToolError? _last;

    /// <summary>The conclusion so far: the last error block seen, or null when none was.</summary>
    public ToolError? Error => _open ? Conclude() : _last;

    /// <summary>Takes the next line of output.</summary>
    public void Observe(string line)
    {
        var start = KindStartedBy(line);
        if (_open && _kind == ToolErrorKind.PythonTraceback && line.Length > 0 && !char.IsWhiteSpace(line[0]))
        {
            // the unindented line after a traceback's frames is its exception: the traceback's conclusion
            Append(line);
            Close();
            return;
        }
        if (start is { } kind && (!_open || kind != _kind || kind == ToolErrorKind.ShellError))
        {
            Close();
            Open(kind, line);
            return;
        }
        if (!_open)
        {
            return;
        }
        if (Ends(line))
        {
            Close();
            return;
        }
        Append(line);
    }

    private static ToolErrorKind? KindStartedBy(string line)
    {
        foreach (var (kind, pattern) in Starts)
        {
            if (pattern.IsMatch(line))
            {
                return kind;
            }
        }
        return null;
    }

    /// <summary>True when <paramref name="line"/> ends the open block without belonging to it.</summary>
    private bool Ends(string line) => _kind switch
    {
        ToolErrorKind.ShellError => true,
        ToolErrorKind.PipError when line.StartsWith("[notice]", StringComparison.Ordinal) => true,
        // Spack's progress lines ("==> Installing ...") are not part of an error
        ToolErrorKind.SpackError when line.StartsWith("==> ", StringComparison.Ordinal) => true,
        ToolErrorKind.NamedException or ToolErrorKind.PipError or ToolErrorKind.LibMamba or ToolErrorKind.Diagnostic or ToolErrorKind.PythonTraceback or ToolErrorKind.SpackError =>
            string.IsNullOrWhiteSpace(line) && _block.Count > 0 && string.IsNullOrWhiteSpace(_block[^1]),
    };

    private void Open(ToolErrorKind kind, string line)
    {
        _kind = kind;
        _open = true;
        _block.Clear();
        _omitted = 0;
        Append(line);
    }

    private void Append(string line)
    {
        if (_block.Count < MaxBlockLines)
        {
            _block.Add(line);
        }
        else
        {
            _omitted++;
        }
    }

    private void Close()
    {
        if (_open)
        {
            _last = Conclude();
            _open = false;
        }
    }

    private ToolError Conclude()
    {
        var lines = _block.Take(_block.FindLastIndex(line => !string.IsNullOrWhiteSpace(line)) + 1).ToArray();
        return new ToolError(_kind, ToolErrorSummary.Of(_kind, lines), lines, _omitted);
    }

    [GeneratedRegex(@"^Traceback \(most recent call last\):")]
    private static partial Regex TracebackStart();

    /// <summary>conda prints its exceptions unindented: "PackagesNotFoundError: ...", "ResolvePackageNotFound: ".</summary>
    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(Error|NotFound|Exception):")]
    private static partial Regex NamedExceptionStart();

    [GeneratedRegex(@"^ERROR: ")]
    private static partial Regex PipErrorStart();

    [GeneratedRegex(@"^(error|critical)\s+libmamba\s")]
    private static partial Regex LibMambaStart();

    [GeneratedRegex(@"^\s*(× |error: )")]
    private static partial Regex DiagnosticStart();

    /// <summary>Spack: "==> Error: Package 'x' not found.".</summary>
    [GeneratedRegex(@"^==> Error: ")]
    private static partial Regex SpackErrorStart();

    /// <summary>bash's "FILE: line N: MESSAGE" ("bash: line 1: x: command not found").</summary>
    [GeneratedRegex(@"^[^\s:][^:]*: line [0-9]+: ")]
    private static partial Regex ShellErrorStart();
}
