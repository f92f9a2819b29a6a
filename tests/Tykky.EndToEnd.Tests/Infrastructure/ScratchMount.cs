namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>A file system mounted for one test (as root) and unmounted when disposed: a small tmpfs, or a proc.</summary>
public sealed class ScratchMount : IDisposable
{
    private ScratchMount(string path, IReadOnlyList<string> mount)
    {
        Path = path;
        Directory.CreateDirectory(path);
        var result = Run.Command(mount);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>A tmpfs of <paramref name="size"/> (mount's syntax: 16m) at <paramref name="path"/>: a full disk that is not the machine's.</summary>
    public static ScratchMount Tmpfs(string path, string size) => new(path, ["mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path]);

    /// <summary>A proc file system at <paramref name="path"/>.</summary>
    public static ScratchMount Proc(string path) => new(path, ["mount", "-t", "proc", "proc", path]);

    /// <summary>Unmounts (lazily, should a process still use it).</summary>
    public void Dispose() => Run.Command(["umount", "-l", Path]);
}
