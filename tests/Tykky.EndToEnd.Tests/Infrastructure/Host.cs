namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>Prepares this machine for unprivileged runs and answers questions about it.</summary>
public static class Host
{
    /// <summary>The unprivileged user the tests create (as root) to run wrappers and builds.</summary>
    public const string TestUser = "tykkytest";

    private static readonly Lazy<string> Unprivileged = new(PrepareUnprivilegedUser);

    /// <summary>True when the tests run as root (as in CI).</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>
    /// The unprivileged user, created on first use when running as root. /dev/fuse is made 0666 as on
    /// normal distributions (these VMs have no udev and leave it 0600).
    /// </summary>
    public static string UnprivilegedUser => Unprivileged.Value;

    private static string PrepareUnprivilegedUser()
    {
        if (!IsRoot)
        {
            return Environment.UserName;
        }
        if (Run.Command(["id", TestUser]).ExitCode != 0)
        {
            Assert.Equal(0, Run.Command(["useradd", "--no-create-home", "--shell", "/bin/sh", TestUser]).ExitCode);
        }
        File.SetUnixFileMode("/dev/fuse", (UnixFileMode)Convert.ToInt32("666", 8));
        return TestUser;
    }

    /// <summary>Process ids of running squashfuse processes whose command line mentions <paramref name="image"/>.</summary>
    public static IReadOnlyList<int> SquashfuseProcessesFor(string image) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Where(pid =>
            {
                try
                {
                    var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
                    return cmdline.Length > 1 && cmdline[0].EndsWith("squashfuse", StringComparison.Ordinal) && cmdline.Contains(image);
                }
                catch (IOException)
                {
                    return false;
                }
            })
            .ToArray();

    /// <summary>True when some process's command line contains <paramref name="marker"/>.</summary>
    public static bool ProcessRunning(string marker) =>
        Directory.EnumerateDirectories("/proc").Any(d =>
        {
            try
            {
                return int.TryParse(Path.GetFileName(d), out _) && File.ReadAllText(Path.Join(d, "cmdline")).Contains(marker, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
        });

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
