using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;
using Xunit.Abstractions;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// The fault-injection battery for updates (see <see cref="FaultInjectionSpecs"/>): a small pip
/// installation (an empty requirements file, offline) whose image says v1, updated to v2 by a
/// post-install script, killed with -9 at each system call of the deploy and in the middle of the
/// conversion of a flat-layout installation. After each kill the wrapper runs v1 or v2; the rerun
/// succeeds and runs v2; nothing of the build is left; at most two generations stay.
/// </summary>
public sealed class UpdateFaultInjectionSpecs(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _scratch = new("update-faults");

    public void Dispose() => _scratch.Dispose();

    private RunOptions In(string buildBase) => new()
    {
        WorkingDirectory = _scratch.Path,
        Environment = new Dictionary<string, string?> { ["CW_BUILD_TMPDIR"] = buildBase, ["PIP_NO_INDEX"] = "1" },
        Timeout = TimeSpan.FromMinutes(5),
    };

    private string[] Update(string prefix) => [ToolTree.Bin("pip-containerize"), "update", "--post-install", _scratch["v2.sh"], prefix];

    /// <summary>The installation at version v1, then updated once (v1 again), so that an update also deletes a generation.</summary>
    private string TwoGenerations()
    {
        _scratch.Write("requirements.txt", "");
        _scratch.Write("v1.sh", "echo v1 > \"$CW_INSTALLATION_PATH/version.txt\"\n");
        _scratch.Write("v2.sh", "echo v2 > \"$CW_INSTALLATION_PATH/version.txt\"\n");
        var prefix = _scratch["original"];
        var build = Run.Command([ToolTree.Bin("pip-containerize"), "new", "--post-install", "v1.sh", "--prefix", prefix, "requirements.txt"], In(_scratch["base"]));
        Assert.True(build.ExitCode == 0, build.ToString());
        var again = Run.Command([ToolTree.Bin("pip-containerize"), "update", "--post-install", _scratch["v1.sh"], prefix], In(_scratch["base"]));
        Assert.True(again.ExitCode == 0, again.ToString());
        return prefix;
    }

    private string CopyOf(string prefix, string name)
    {
        var copy = _scratch[name];
        Assert.Equal(0, Run.Command(["cp", "-a", prefix, copy]).ExitCode);
        return copy;
    }

    private static string Version(string prefix) => Run.Command([Path.Join(prefix, "bin/_debug_exec"), "cat", "/LOCAL_TYKKY/version.txt"]).Out;

    private void AssertRecovers(string what, string prefix, string buildBase)
    {
        Assert.True(Version(prefix) is "v1\n" or "v2\n", $"{what}: the installation does not run after the kill");
        var rerun = Run.Command(Update(prefix), In(buildBase));
        Assert.True(rerun.ExitCode == 0, $"{what}\n{rerun}");
        Assert.Equal("v2\n", Version(prefix));
        Assert.Empty(FaultInjection.BuildDirectories(buildBase));
        var generations = FaultInjection.Generations(prefix);
        Assert.True(generations.Length <= 2 && generations.All(g => g.All(char.IsAsciiDigit)), $"{what}: {string.Join(", ", generations)}");
        Assert.False(Host.ProcessRunning(buildBase + "/"), $"{what}: a process of the build survived");
    }

    [RootFact(FaultInjection.Strace)]
    public void An_update_killed_at_any_deploy_call_leaves_the_old_or_the_new_installation_and_a_rerun_works()
    {
        // Arrange: the calls of one update, counted once
        var original = TwoGenerations();
        var probe = CopyOf(original, "probe");
        var calls = FaultInjection.Trace(Update(probe), In(_scratch["probe-base"]), _scratch["probe.trace"])
            .Where(c => c.Line.Contains(probe + "/", StringComparison.Ordinal) && !c.Line.Contains("/.staging-3/", StringComparison.Ordinal) || c.Line.Contains("/.staging-3/.tykky-owner", StringComparison.Ordinal))
            .ToArray();
        var pruned = calls.Where(c => c.Line.Contains("/generations/1/", StringComparison.Ordinal)).ToArray();
        TracedCall[] cases = [.. calls.Where(c => !pruned.Contains(c) && !c.Line.Contains(".tykky-lock", StringComparison.Ordinal)), pruned[0], pruned[^1]];
        Assert.Contains(cases, c => c.Name == "rename" && c.Line.Contains("/bin\")", StringComparison.Ordinal));

        // Act and assert, case by case
        var held = 0;
        foreach (var (call, index) in cases.Select((c, i) => (c, i)))
        {
            var prefix = CopyOf(original, $"case{index}");
            var buildBase = _scratch[$"base{index}"];
            var killed = FaultInjection.KillAt(call, Update(prefix), In(buildBase));
            Assert.True(killed.ExitCode == 137, $"{call}: the injection was not reached\n{killed}");
            output.WriteLine($"{call}: {Version(prefix).Trim()} after the kill");
            AssertRecovers(call.ToString(), prefix, buildBase);
            held++;
        }
        output.WriteLine($"update, kill at a deploy call: {cases.Length} cases, {held} held");
    }

    [RootFact(FaultInjection.Strace)]
    public void An_update_killed_while_converting_a_flat_installation_is_finished_by_the_rerun()
    {
        // Arrange: the layout of an earlier Tykky: one generation's files in the prefix itself
        var original = TwoGenerations();
        var flat = _scratch["flat"];
        Assert.Equal(0, Run.Command(["cp", "-a", Path.Join(original, "generations", "2") + "/.", flat]).ExitCode);
        Assert.Equal("v1\n", Version(flat));

        // Act: killed at the third rename: some entries moved into generations/0, the rest still in place
        var killed = FaultInjection.KillAt(new TracedCall("rename", 3, "a rename of the conversion"), Update(flat), In(_scratch["flat-base"]));

        // Assert
        Assert.True(killed.ExitCode == 137, killed.ToString());
        Assert.Contains("0", FaultInjection.Generations(flat));
        AssertRecovers("flat conversion", flat, _scratch["flat-base"]);
        Assert.Equal(("generations/1/bin", "bin/.."), (new FileInfo(Path.Join(flat, "bin")).LinkTarget, new FileInfo(Path.Join(flat, "current")).LinkTarget));
    }

    [RootFact(FaultInjection.Strace)]
    public void An_update_of_an_installation_switched_by_current_moves_the_switch_to_bin_and_a_kill_between_the_two_renames_is_finished_by_the_rerun()
    {
        // Arrange: the layout of the Tykky before: current -> generations/N was the switch, bin -> current/bin
        var earlier = CopyOf(TwoGenerations(), "earlier");
        File.Delete(Path.Join(earlier, "bin"));
        File.Delete(Path.Join(earlier, "current"));
        File.CreateSymbolicLink(Path.Join(earlier, "current"), "generations/2");
        File.CreateSymbolicLink(Path.Join(earlier, "bin"), "current/bin");
        var killed = CopyOf(earlier, "earlier-killed");
        var renameOfCurrent = FaultInjection.Trace(Update(CopyOf(earlier, "earlier-probe")), In(_scratch["probe-base"]), _scratch["probe.trace"])
            .Single(c => c.Name == "rename" && c.Line.Contains("/current\")", StringComparison.Ordinal));

        // Act
        var update = Run.Command(Update(earlier), In(_scratch["earlier-base"]));
        var kill = FaultInjection.KillAt(renameOfCurrent, Update(killed), In(_scratch["killed-base"]));

        // Assert: after the kill, bin leads to the new generation and current still to the old one; the wrappers run the new
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Equal(("v2\n", "generations/3/bin", "bin/.."), (Version(earlier), new FileInfo(Path.Join(earlier, "bin")).LinkTarget, new FileInfo(Path.Join(earlier, "current")).LinkTarget));
        Assert.True(kill.ExitCode == 137, kill.ToString());
        Assert.Equal(("v2\n", "generations/3/bin", "generations/2"), (Version(killed), new FileInfo(Path.Join(killed, "bin")).LinkTarget, new FileInfo(Path.Join(killed, "current")).LinkTarget));
        AssertRecovers("the rename of current", killed, _scratch["killed-base"]);
        Assert.Equal("bin/..", new FileInfo(Path.Join(killed, "current")).LinkTarget);
    }
}
