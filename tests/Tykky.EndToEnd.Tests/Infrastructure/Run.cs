using System.Diagnostics;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>Runs real programs: argv lists, never a shell string (unless the test asks for bash explicitly).</summary>
public static class Run
{
    /// <summary>Runs <paramref name="argv"/> to completion.</summary>
    public static RunResult Command(IReadOnlyList<string> argv, RunOptions? options = null)
    {
        using var process = Start(argv, options ?? new RunOptions());
        return Finish(process, options ?? new RunOptions());
    }

    /// <summary>Runs a bash script; the extra arguments become $1.. (the script receives them unchanged).</summary>
    public static RunResult Bash(string script, RunOptions? options = null, params string[] arguments) =>
        Command(["bash", "-c", script, "bash", .. arguments], options);

    /// <summary>Starts <paramref name="argv"/> and returns the running process (stdout/stderr redirected).</summary>
    public static Process Start(IReadOnlyList<string> argv, RunOptions options)
    {
        IReadOnlyList<string> full = options.User is null ? argv : ["runuser", "-u", options.User, "--", .. argv];
        var startInfo = new ProcessStartInfo(full[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? "/tmp",
        };
        foreach (var argument in full.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in options.Environment)
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
        var process = Process.Start(startInfo)!;
        if (options.Stdin is { } input)
        {
            process.StandardInput.BaseStream.Write(input);
        }
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Waits for a started process and collects its output.</summary>
    public static RunResult Finish(Process process, RunOptions options)
    {
        var stdout = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(options.Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)}' did not finish within {options.Timeout}");
        }
        Task.WaitAll(copyOut, stderr);
        return new RunResult(process.ExitCode, stdout.ToArray(), stderr.Result);
    }
}
