using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;
using Xunit.Abstractions;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// The fault-injection battery for new installations (issue 9; updates: <see cref="UpdateFaultInjectionSpecs"/>;
/// totals in tests/fault-injection/RESULTS.md). A tiny wrap-install is killed with -9 at each system
/// call its deploy changes the prefix or the build base with, and at timed points; two builds run at
/// once; the build base and the prefix fill up. After a kill the prefix holds nothing or the complete
/// installation, whose wrapper runs; the rerun succeeds (or, when the killed build had switched, is
/// refused: the installation is there); no cw-* is left after it; no process of the build survives.
/// </summary>
public sealed class FaultInjectionSpecs(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _scratch = new("faults");

    public void Dispose() => _scratch.Dispose();

    private string Source()
    {
        var source = _scratch["src"];
        if (!Directory.Exists(source))
        {
            _scratch.Write("src/bin/hello", "#!/bin/sh\necho \"hello $*\"\n", executable: true);
        }
        return source;
    }

    private static string[] WrapInstall(string prefix, string source, params string[] extra) =>
        [ToolTree.Bin("wrap-install"), "-w", "bin", .. extra, "--prefix", prefix, source];

    /// <summary>The log a failed build keeps beside its build directory (its error line names it).</summary>
    private static bool IsKeptLog(string path) => Path.GetFileName(path).StartsWith("tykky-build-", StringComparison.Ordinal) && path.EndsWith(".log", StringComparison.Ordinal);

    private RunOptions In(string buildBase) => new()
    {
        WorkingDirectory = _scratch.Path,
        Environment = new Dictionary<string, string?> { ["CW_BUILD_TMPDIR"] = buildBase },
    };

    [RootFact(FaultInjection.Strace)]
    public void A_new_build_killed_at_any_deploy_call_leaves_nothing_or_the_installation_and_a_rerun_works()
    {
        // Arrange: the calls of one build, counted once
        var source = Source();
        var probe = FaultInjection.Trace(WrapInstall(_scratch["probe"], source), In(_scratch["probe-base"]), _scratch["probe.trace"]);
        var onPrefix = probe.Where(c => c.Line.Contains(_scratch["probe"] + "/", StringComparison.Ordinal)).ToArray();
        var stableLinks = onPrefix.Where(c => c.Name == "symlink" && c.Line.Contains("\"current/", StringComparison.Ordinal)).ToArray();
        var onBase = probe.Where(c => c.Line.Contains(_scratch["probe-base"] + "/", StringComparison.Ordinal)).ToArray();
        TracedCall[] cases =
        [
            onPrefix.First(c => c.Line.Contains("/.staging-1/bin/", StringComparison.Ordinal)), // a wrapper being staged
            .. onPrefix.Where(c => !c.Line.Contains("/.staging-1/", StringComparison.Ordinal) || c.Line.Contains(".tykky-owner", StringComparison.Ordinal))
                .Where(c => !stableLinks.Contains(c) || c == stableLinks[0] || c == stableLinks[^1]),
            onBase[0], onBase[^1],
        ];
        Assert.Contains(cases, c => c.Line.StartsWith("rename(", StringComparison.Ordinal) && c.Line.Contains("/bin\")", StringComparison.Ordinal) && !c.Line.Contains("/.staging-", StringComparison.Ordinal));

        // Act and assert, case by case
        var held = 0;
        foreach (var (call, index) in cases.Select((c, i) => (c, i)))
        {
            var prefix = _scratch[$"case{index}/inst"];
            var buildBase = _scratch[$"case{index}/base"];
            var killed = FaultInjection.KillAt(call, WrapInstall(prefix, source), In(buildBase));
            Assert.True(killed.ExitCode == 137, $"{call}: the injection was not reached\n{killed}");
            var installed = new FileInfo(Path.Join(prefix, "bin")).LinkTarget is not null;
            if (installed)
            {
                Assert.Equal("hello x\n", Run.Command([Path.Join(prefix, "bin/hello"), "x"]).Out);
            }
            else
            {
                Assert.False(File.Exists(Path.Join(prefix, "bin/hello")), $"{call}: a wrapper without a switch");
            }
            var rerun = Run.Command(WrapInstall(prefix, source), In(buildBase));
            if (installed)
            {
                Assert.True(rerun.ExitCode == 1 && FaultInjection.ErrorLines(rerun) is [var line] && line.Contains("already holds a Tykky installation", StringComparison.Ordinal), $"{call}\n{rerun}");
            }
            else
            {
                Assert.True(rerun.ExitCode == 0, $"{call}\n{rerun}");
            }
            Assert.Equal("hello y\n", Run.Command([Path.Join(prefix, "bin/hello"), "y"]).Out);
            Assert.Empty(FaultInjection.BuildDirectories(buildBase));
            Assert.Equal(["1"], FaultInjection.Generations(prefix));
            Assert.False(File.Exists(Path.Join(prefix, ".tykky-lock")), $"{call}: the lock file stayed");
            // bubblewrap returns the program's status as soon as its init reports it, before the kernel
            // ends the rest of the sandbox's pid namespace: the last wrapper's squashfuse may take a moment.
            Host.Eventually(() => Host.ProcessesContaining(_scratch[$"case{index}/"]).Length == 0, TimeSpan.FromSeconds(5));
            var survivors = Host.ProcessesContaining(_scratch[$"case{index}/"]);
            Assert.True(survivors.Length == 0, $"{call}: a process of the build survived: {string.Join("; ", survivors)}");
            output.WriteLine($"held: {call} ({(installed ? "new" : "nothing")} after the kill)");
            held++;
        }
        output.WriteLine($"new, kill at a deploy call: {cases.Length} cases, {held} held");
    }

    [RootFact(FaultInjection.Strace)]
    public void A_build_killed_while_its_script_runs_takes_the_scripts_children_with_it()
    {
        // Arrange: post-install runs bash, which runs sleep: grandchildren of the builder in the sandbox
        var marker = $"{Guid.NewGuid():N}";
        _scratch.Write("post.sh", $"sh -c 'sleep 300' {marker}\n");
        var prefix = _scratch["inst"];
        using var build = Run.Start(WrapInstall(prefix, Source(), "--post-install", "post.sh"), In(_scratch["base"]));
        Assert.True(Host.Eventually(() => Host.ProcessRunning(marker), TimeSpan.FromSeconds(60)), "the post-install script did not start");

        // Act
        Run.Command(["kill", "-KILL", build.Id.ToString()]);
        build.WaitForExit();

        // Assert
        Assert.True(Host.Eventually(() => !Host.ProcessRunning(marker), TimeSpan.FromSeconds(10)), "the script's children outlived the killed build");
        Assert.False(File.Exists(Path.Join(prefix, "bin/hello")));
        var rerun = Run.Command(WrapInstall(prefix, Source()), In(_scratch["base"]));
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Empty(FaultInjection.BuildDirectories(_scratch["base"]));
        Assert.Equal(["1"], FaultInjection.Generations(prefix));
    }

    [RootFact(FaultInjection.Strace)]
    public void A_build_killed_during_mksquashfs_takes_mksquashfs_with_it()
    {
        // Arrange: 48 MiB of random data keeps mksquashfs busy for a while
        var source = Source();
        Run.Command(["dd", "if=/dev/urandom", $"of={_scratch["src/data.bin"]}", "bs=1M", "count=48", "status=none"]);
        var buildBase = _scratch["base"];
        using var build = Run.Start(WrapInstall(_scratch["inst"], source), In(buildBase));
        bool MksquashfsRunning() => Directory.EnumerateDirectories("/proc")
            .Any(d => int.TryParse(Path.GetFileName(d), out _) && ReadCommandLine(d) is [var program, .. var arguments]
                && program.EndsWith("/mksquashfs", StringComparison.Ordinal) && arguments.Any(a => a.StartsWith(buildBase, StringComparison.Ordinal)));
        Assert.True(Host.Eventually(MksquashfsRunning, TimeSpan.FromSeconds(60)), "mksquashfs did not start");

        // Act
        Run.Command(["kill", "-KILL", build.Id.ToString()]);
        build.WaitForExit();

        // Assert
        Assert.True(Host.Eventually(() => !MksquashfsRunning(), TimeSpan.FromSeconds(10)), "mksquashfs outlived the killed build");
        var rerun = Run.Command(WrapInstall(_scratch["inst"], source), In(buildBase));
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Empty(FaultInjection.BuildDirectories(buildBase));
        Assert.Equal(["1"], FaultInjection.Generations(_scratch["inst"]));
    }

    [RootFact]
    public void A_second_build_into_a_prefix_being_built_fails_at_once_naming_the_first()
    {
        // Arrange: the first build waits in its post-install until told to go on
        _scratch.Write("wait.sh", $"while [ ! -e '{_scratch["go"]}' ]; do sleep 0.1; done\n");
        var prefix = _scratch["inst"];
        using var first = Run.Start(WrapInstall(prefix, Source(), "--post-install", "wait.sh"), In(_scratch["base1"]));
        Assert.True(Host.Eventually(() => File.Exists(Path.Join(prefix, ".tykky-lock")) && Directory.Exists(Path.Join(prefix, "generations")), TimeSpan.FromSeconds(60)), "the first build did not start");

        // Act
        var second = Run.Command(WrapInstall(prefix, Source()), In(_scratch["base2"]));
        File.WriteAllText(_scratch["go"], "");
        var firstResult = Run.Finish(first, In(_scratch["base1"]));

        // Assert
        Assert.Equal(1, second.ExitCode);
        var error = Assert.Single(FaultInjection.ErrorLines(second));
        Assert.Contains($"Installation prefix '{prefix}' is being built by process {first.Id} on host {Environment.MachineName}", error);
        Assert.True(firstResult.ExitCode == 0, firstResult.ToString());
        Assert.Equal("hello z\n", Run.Command([Path.Join(prefix, "bin/hello"), "z"]).Out);
        Assert.Empty(FaultInjection.BuildDirectories(_scratch["base2"]));
    }

    [RootFact]
    public void A_full_build_base_is_one_error_line_and_nothing_is_left()
    {
        // Arrange: a 16 MiB build base and a post-install script that writes 24 MiB into the install tree
        // (a source that large is refused before copying: wrap-install measures it first)
        var source = Source();
        _scratch.Write("fill.sh", "head -c 25165824 /dev/urandom > \"$CW_INSTALLATION_PATH/data.bin\"\n");
        var buildBase = _scratch["small-base"];
        FaultInjection.MountTmpfs(buildBase, 16);
        try
        {
            // Act
            var build = Run.Command(WrapInstall(_scratch["inst"], source, "--post-install", "fill.sh"), In(buildBase));

            // Assert
            Assert.Equal(1, build.ExitCode);
            var error = Assert.Single(FaultInjection.ErrorLines(build));
            Assert.Contains("No space left on device", error);
            Assert.DoesNotContain("   at ", build.Stderr);
            Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(buildBase), e => !IsKeptLog(e));
            Assert.False(Directory.Exists(_scratch["inst"]), "the prefix was left behind");
        }
        finally
        {
            FaultInjection.Unmount(buildBase);
        }
    }

    [RootFact]
    public void A_full_build_base_while_writing_the_build_log_is_one_error_line()
    {
        // Arrange: a build base with no room left at all
        var buildBase = _scratch["full-base"];
        FaultInjection.MountTmpfs(buildBase, 1);
        Run.Command(["dd", "if=/dev/zero", $"of={buildBase}/filler", "bs=64k", "status=none"]);
        try
        {
            // Act: a pip build (wrap-install would refuse first: its source cannot fit)
            _scratch.Write("empty-requirements.txt", "\n");
            var build = Run.Command([ToolTree.Bin("pip-containerize"), "new", "--prefix", _scratch["inst"], "empty-requirements.txt"], In(buildBase));

            // Assert: whichever write meets the full disk first (the log, the install tree), one line and a clean rollback
            Assert.Equal(1, build.ExitCode);
            var error = Assert.Single(FaultInjection.ErrorLines(build));
            Assert.Contains("No space left on device", error);
            Assert.Contains(buildBase, error);
            Assert.DoesNotContain("   at ", build.Stderr);
            Assert.Equal(["filler"], Directory.EnumerateFileSystemEntries(buildBase).Where(e => !IsKeptLog(e)).Select(Path.GetFileName));
            Assert.False(Directory.Exists(_scratch["inst"]), "the prefix was left behind");
        }
        finally
        {
            FaultInjection.Unmount(buildBase);
        }
    }

    [RootFact]
    public void A_full_prefix_while_copying_the_launcher_is_one_error_line_and_nothing_is_left()
    {
        // Arrange: a 2 MiB prefix filesystem: the image fits, the 4 MB launcher does not
        var mount = _scratch["small"];
        FaultInjection.MountTmpfs(mount, 2);
        var prefix = Path.Join(mount, "inst");
        try
        {
            // Act
            var build = Run.Command(WrapInstall(prefix, Source()), In(_scratch["base"]));

            // Assert
            Assert.Equal(1, build.ExitCode);
            var error = Assert.Single(FaultInjection.ErrorLines(build));
            Assert.Contains("No space left on device while creating wrappers", error);
            Assert.Contains("tykky-launcher", error);
            Assert.Contains($"free space in {prefix} or choose another --prefix", error);
            Assert.DoesNotContain("   at ", build.Stderr);
            Assert.Empty(Directory.EnumerateFileSystemEntries(mount));
            Assert.Empty(FaultInjection.BuildDirectories(_scratch["base"]));
        }
        finally
        {
            FaultInjection.Unmount(mount);
        }
    }

    private static string[] ReadCommandLine(string processDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Join(processDirectory, "cmdline")).Split('\0');
        }
        catch (IOException)
        {
            return [];
        }
    }
}
