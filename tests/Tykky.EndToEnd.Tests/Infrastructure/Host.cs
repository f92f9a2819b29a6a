namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>Prepares this machine for unprivileged runs and answers questions about it.</summary>
public static class Host
{
    /// <summary>The unprivileged user the tests create (as root) to run wrappers and builds.</summary>
    public const string TestUser = "tykkytest";

    /// <summary>A second unprivileged user, for what one user must never reach of another's.</summary>
    public const string OtherTestUser = "tykkytest2";

    private static readonly Lazy<string> Unprivileged = new(() => PrepareUnprivilegedUser(TestUser));

    private static readonly Lazy<string> OtherUnprivileged = new(() => PrepareUnprivilegedUser(OtherTestUser));

    /// <summary>True when the tests run as root (as in CI).</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>
    /// The unprivileged user, created on first use when running as root. /dev/fuse is made 0666 as on
    /// normal distributions (these VMs have no udev and leave it 0600).
    /// </summary>
    public static string UnprivilegedUser => Unprivileged.Value;

    /// <summary>The second unprivileged user (needs root to create; null when the tests do not run as root).</summary>
    public static string? OtherUnprivilegedUser => IsRoot ? OtherUnprivileged.Value : null;

    private static string PrepareUnprivilegedUser(string name)
    {
        if (!IsRoot)
        {
            return Environment.UserName;
        }
        if (Run.Command(["id", name]).ExitCode != 0)
        {
            Assert.Equal(0, Run.Command(["useradd", "--no-create-home", "--shell", "/bin/sh", name]).ExitCode);
        }
        File.SetUnixFileMode("/dev/fuse", (UnixFileMode)Convert.ToInt32("666", 8));
        return name;
    }

    /// <summary>
    /// Process ids of running squashfuse processes whose command line mentions <paramref name="image"/>,
    /// or the file it leads to (<c>&lt;prefix&gt;/img.sqfs</c> is a link into the current generation,
    /// whose real path the launcher passes).
    /// </summary>
    public static IReadOnlyList<int> SquashfuseProcessesFor(string image) => SquashfuseFor(image).Select(process => process.Pid).ToArray();

    /// <summary>The command lines of the processes <see cref="SquashfuseProcessesFor"/> finds.</summary>
    public static IReadOnlyList<string[]> SquashfuseCommandLinesFor(string image) => SquashfuseFor(image).Select(process => process.CommandLine).ToArray();

    private static IEnumerable<(int Pid, string[] CommandLine)> SquashfuseFor(string image)
    {
        var real = RealPath(image) ?? image;
        return ProcessesWhere(cmdline => cmdline.Length > 1 && Path.GetFileName(cmdline[0]) is "squashfuse" or "squashfuse_ll" && (cmdline.Contains(image) || cmdline.Contains(real)));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "realpath")]
    private static extern IntPtr NativeRealPath(string path, IntPtr resolved);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "free")]
    private static extern void NativeFree(IntPtr pointer);

    /// <summary>The canonical path (every link resolved, also those of directories on the way), or null when it does not exist.</summary>
    public static string? RealPath(string path)
    {
        var resolved = NativeRealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }
        try
        {
            return System.Runtime.InteropServices.Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            NativeFree(resolved);
        }
    }

    /// <summary>Process ids of the keepers (bubblewrap shared mount) serving the installation in <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<int> KeepersOf(string prefix) =>
        ProcessesWhere(cmdline => cmdline.Length > 1 && cmdline[0].StartsWith(prefix + "/", StringComparison.Ordinal)
            && cmdline[0].EndsWith("/tykky-launcher", StringComparison.Ordinal) && cmdline[1] == "--tykky-keeper").Select(process => process.Pid).ToArray();

    /// <summary>The running processes whose argv matches, with their argv.</summary>
    private static IReadOnlyList<(int Pid, string[] CommandLine)> ProcessesWhere(Func<string[], bool> matches) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, CommandLine: CommandLineOf(pid)))
            .Where(process => process.CommandLine is { } cmdline && matches(cmdline))
            .Select(process => (process.Pid, process.CommandLine!))
            .ToArray();

    private static string[]? CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Split('\0');
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Ends the keepers of the installation in <paramref name="prefix"/> and waits until they and their squashfuse are gone.</summary>
    public static void StopKeepersOf(string prefix)
    {
        foreach (var pid in KeepersOf(prefix))
        {
            Run.Command(["kill", "-KILL", pid.ToString()]);
        }
        Assert.True(Eventually(() => KeepersOf(prefix).Count == 0 && SquashfuseProcessesFor(Path.Join(prefix, "img.sqfs")).Count == 0, TimeSpan.FromSeconds(20)), "keepers stayed");
    }

    /// <summary>True when <paramref name="path"/> is a hard link of <paramref name="file"/> (the same device and inode, no symlink between).</summary>
    public static bool IsHardLinkOf(string path, string file) =>
        new FileInfo(path).LinkTarget is null && Run.Command(["stat", "-L", "-c", "%d:%i", path]).Out is var inode && inode.Length > 0
            && inode == Run.Command(["stat", "-L", "-c", "%d:%i", file]).Out;

    /// <summary>True when some process's command line contains <paramref name="marker"/>.</summary>
    public static bool ProcessRunning(string marker) => ProcessesContaining(marker).Length > 0;

    /// <summary>The processes whose command line contains <paramref name="marker"/>, each as "PID: argv" (for a failure's message).</summary>
    public static string[] ProcessesContaining(string marker) =>
        ProcessesWhere(cmdline => string.Join('\0', cmdline).Contains(marker, StringComparison.Ordinal))
            .Select(process => $"{process.Pid}: {string.Join(' ', process.CommandLine)}").ToArray();

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="limit"/> passes; returns whether it held.</summary>
    public static bool Eventually(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }
            Thread.Sleep(50);
        }
        return condition();
    }
}
