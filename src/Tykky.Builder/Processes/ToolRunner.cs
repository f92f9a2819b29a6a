using System.Diagnostics;
using Tykky.Builder.Reporting;

namespace Tykky.Builder.Processes;

/// <summary>
/// The only code that starts child processes. Output goes to the build log (and to the terminal at
/// debug level); a failure becomes a <see cref="BuildException"/> with the command and the error
/// report found in its whole output (<see cref="ToolErrorRecognizer"/>), or else the last lines it
/// printed. Cancellation (Ctrl-C) kills the whole process tree.
/// Every child dies with the builder, also when the builder is killed with -9 and can do nothing:
/// it is started through util-linux <c>setpriv --pdeathsig KILL</c>, which sets PR_SET_PDEATHSIG
/// and execs the tool (same pid; the setting survives the exec). The signal follows the thread that
/// forked, and .NET forks on the calling thread: builds start processes from the main thread, which
/// lives as long as the builder. Grandchildren of sandboxed steps (bash, then pip) die with the
/// sandbox: bubblewrap runs them in a pid namespace with --die-with-parent.
/// </summary>
public sealed class ToolRunner(Reporter reporter, CancellationToken cancellation)
{
    /// <summary>setpriv when installed (util-linux 2.33 or later has --pdeathsig), else null: children then outlive a killed builder.</summary>
    private static readonly string? Setpriv = ExecutableSearch.Find("setpriv", Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");

    /// <summary>Runs <paramref name="command"/> and throws when it fails.</summary>
    public void Run(ToolCommand command)
    {
        var result = RunAllowingFailure(command);
        if (result.ExitCode != 0)
        {
            throw Failure(command, result);
        }
    }

    /// <summary>Runs <paramref name="command"/> and returns its exit code, last output lines and error report.</summary>
    public ToolResult RunAllowingFailure(ToolCommand command)
    {
        reporter.Debug($"Running: {command.Display}");
        using var process = new Process { StartInfo = StartInfoFor(command) };
        var output = new OutputWatch();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (output)
            {
                if (command.Live)
                {
                    reporter.Progress(line);
                }
                else
                {
                    reporter.ToolOutput(line);
                }
                output.Observe(line);
            }
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuildException($"Cannot start {command.Argv[0]} for {command.Description}: {e.Message}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            WaitForExit(process);
        }
        finally
        {
            reporter.EndProgress();
        }
        return output.Result(process.ExitCode);
    }

    /// <summary>Runs <paramref name="command"/> and returns its standard output (stderr goes to the log); throws when it fails.</summary>
    public string Capture(ToolCommand command)
    {
        reporter.Debug($"Running: {command.Display}");
        var startInfo = StartInfoFor(command);
        using var process = Process.Start(startInfo) ?? throw new BuildException($"Cannot start {command.Argv[0]}");
        var errors = new OutputWatch();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (errors)
            {
                reporter.ToolOutput(e.Data);
                errors.Observe(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        WaitForExit(process);
        return process.ExitCode == 0 ? output.Result : throw Failure(command, errors.Result(process.ExitCode));
    }

    /// <summary>
    /// The error for a failed command: what failed, the summary of its error report when there is one
    /// (pip's "No matching distribution", conda's PackagesNotFoundError with the packages), the command,
    /// and under it the complete report, or else its last lines.
    /// </summary>
    private static BuildException Failure(ToolCommand command, ToolResult result)
    {
        var what = (result.Error?.Summary ?? DiskFullLine(result.Tail)) is { } summary
            ? $"{summary} ('{command.Display}' exited with {result.ExitCode})"
            : $"'{command.Display}' exited with {result.ExitCode}" + (result.Tail.Count > 0 ? "; its last output follows" : "");
        IReadOnlyList<string> details = result.Error is { } report
            ? [.. report.Lines, .. report.OmittedLines > 0 ? [$"... ({report.OmittedLines} more lines in the build log)"] : Array.Empty<string>()]
            : result.Tail;
        return new BuildException($"{Capitalize(command.Description)} failed: {what}", details);
    }

    /// <summary>A tool's line saying that a disk or quota is full (mksquashfs' "Write failed because No space left on device", cp's "error writing"): the reason the error line gives.</summary>
    private static string? DiskFullLine(IReadOnlyList<string> tail) =>
        tail.LastOrDefault(line => line.Contains("No space left on device", StringComparison.Ordinal) || line.Contains("Disk quota exceeded", StringComparison.Ordinal))?.Trim();

    private void WaitForExit(Process process)
    {
        while (!process.WaitForExit(100))
        {
            if (cancellation.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                cancellation.ThrowIfCancellationRequested();
            }
        }
        process.WaitForExit(); // flushes the asynchronous output readers
    }

    private static ProcessStartInfo StartInfoFor(ToolCommand command)
    {
        IEnumerable<string> argv = Setpriv is null ? command.Argv : [Setpriv, "--pdeathsig", "KILL", .. command.Argv];
        var startInfo = new ProcessStartInfo(argv.First())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = command.WorkingDirectory ?? "",
            StandardOutputEncoding = command.OutputEncoding,
        };
        foreach (var argument in argv.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in command.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }
        return startInfo;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
