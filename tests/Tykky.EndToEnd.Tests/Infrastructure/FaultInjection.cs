using System.Text.RegularExpressions;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>One system call of the builder's main thread: the Nth call of its kind, and its first path.</summary>
/// <param name="Name">The system call (rename, symlink, unlink, rmdir).</param>
/// <param name="Ordinal">Its number among the calls of that name (strace's <c>when=</c>).</param>
/// <param name="Line">The line strace printed for it.</param>
public sealed record TracedCall(string Name, int Ordinal, string Line)
{
    /// <summary>For case listings.</summary>
    public override string ToString() => $"{Name}#{Ordinal}: {Line}";
}

/// <summary>
/// Kills the builder at a chosen system call with strace's fault injection
/// (<c>-e inject=NAME:signal=KILL:when=N</c>). strace traces the builder's main thread only (no -f):
/// that thread deploys, and the children it starts are neither counted nor killed by the injection.
/// </summary>
public static partial class FaultInjection
{
    /// <summary>The system calls a deploy changes the prefix with (.NET and libc use these on x86_64, as strace showed).</summary>
    public static readonly string[] DeployCalls = ["rename", "link", "symlink", "unlink", "rmdir"];

    /// <summary>strace.</summary>
    public const string Strace = "/usr/bin/strace";

    /// <summary>Runs <paramref name="argv"/> under strace and returns its main thread's <see cref="DeployCalls"/>, numbered per name.</summary>
    public static IReadOnlyList<TracedCall> Trace(IReadOnlyList<string> argv, RunOptions options, string traceFile)
    {
        var run = Run.Command([Strace, "-o", traceFile, "-e", "trace=" + string.Join(',', DeployCalls), .. argv], options);
        Assert.True(run.ExitCode == 0, run.ToString());
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var calls = new List<TracedCall>();
        foreach (var line in File.ReadAllLines(traceFile))
        {
            if (CallLine.Match(line) is { Success: true } match)
            {
                var name = match.Groups[1].Value;
                counts[name] = counts.GetValueOrDefault(name) + 1;
                calls.Add(new TracedCall(name, counts[name], line));
            }
        }
        return calls;
    }

    /// <summary>Runs <paramref name="argv"/> with SIGKILL injected at <paramref name="call"/>.</summary>
    public static RunResult KillAt(TracedCall call, IReadOnlyList<string> argv, RunOptions options) =>
        Run.Command([Strace, "-o", "/dev/null", "-e", $"trace={call.Name}", "-e", $"inject={call.Name}:signal=KILL:when={call.Ordinal}", .. argv], options);

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MiB on <paramref name="directory"/> (root only); the caller unmounts it.</summary>
    public static void MountTmpfs(string directory, int megabytes)
    {
        Directory.CreateDirectory(directory);
        var mount = Run.Command(["mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", directory]);
        Assert.True(mount.ExitCode == 0, mount.ToString());
    }

    /// <summary>Unmounts what <see cref="MountTmpfs"/> mounted.</summary>
    public static void Unmount(string directory) => Run.Command(["umount", "-l", directory]);

    /// <summary>The lines of <paramref name="result"/>'s stderr that are errors.</summary>
    public static string[] ErrorLines(RunResult result) =>
        result.Stderr.Split('\n').Where(l => l.StartsWith("[ ERROR ]", StringComparison.Ordinal)).ToArray();

    /// <summary>The build directories left in <paramref name="buildBase"/>.</summary>
    public static string[] BuildDirectories(string buildBase) =>
        Directory.Exists(buildBase) ? Directory.EnumerateDirectories(buildBase, "cw-*").ToArray() : [];

    /// <summary>What a prefix holds in <c>generations/</c>: complete generations and staging directories.</summary>
    public static string[] Generations(string prefix) =>
        Directory.Exists(Path.Join(prefix, "generations")) ? Directory.EnumerateFileSystemEntries(Path.Join(prefix, "generations")).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray() : [];

    /// <summary>A trace line of one of the <see cref="DeployCalls"/>; group 1 is its name.</summary>
    private static readonly Regex CallLine = new($"^({string.Join('|', DeployCalls)})\\(", RegexOptions.Compiled);
}
