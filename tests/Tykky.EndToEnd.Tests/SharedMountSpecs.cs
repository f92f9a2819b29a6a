using System.Text;
using System.Text.Json.Nodes;
using Tykky.EndToEnd.Tests.Infrastructure;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// The bubblewrap shared mount: launches of an unprivileged user join one keeper per installation that
/// holds the image mounted, instead of building a sandbox and mounting it each time. Real bubblewrap,
/// squashfuse and tykky-join; behaviour only (speed lives in bench/).
/// </summary>
[Collection(SharedMountInstallationCollection.Name)]
public sealed class SharedMountSpecs(SharedMountInstallation installation)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static RunOptions AsUser(RunOptions? options = null) => (options ?? new RunOptions()) with { User = Host.UnprivilegedUser };

    /// <summary>The test user's keeper directory (it has no XDG_RUNTIME_DIR here).</summary>
    private static string UserKeeperDirectory => $"/tmp/tykky-{Run.Command(["id", "-u", Host.UnprivilegedUser]).Out.Trim()}";

    [Fact]
    public void Launches_join_one_keeper_that_holds_the_only_mount()
    {
        // Arrange: a program that runs meanwhile keeps the keeper (shared_mount_idle is 1 s, which a loaded machine can take between two launches)
        installation.StopKeepers();
        using var holder = Run.Start([installation.Wrapper("probe"), "sleep", "30"], AsUser());
        Assert.True(Host.Eventually(() => Host.KeepersOf(installation.Prefix).Count == 1, Patience));
        var keepers = Host.KeepersOf(installation.Prefix);

        // Act
        var first = Run.Command([installation.Wrapper("greet"), "one"], AsUser());
        var second = Run.Command([installation.Wrapper("greet"), "two"], AsUser());
        holder.Kill(entireProcessTree: true);

        // Assert
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("greet from /LOCAL_TYKKY/bin/greet: two\n", second.Out);
        Assert.Equal(keepers, Host.KeepersOf(installation.Prefix));
        Assert.Single(Host.SquashfuseProcessesFor(installation.Image));
    }

    [Fact]
    public void First_launches_that_race_start_one_keeper()
    {
        // Arrange
        installation.StopKeepers();

        // Act: eight launches at once, none finding a keeper
        var result = Run.Bash("pids=(); for i in 1 2 3 4 5 6 7 8; do \"$1\" exit 0 & pids+=($!); done; for p in \"${pids[@]}\"; do wait $p || exit 1; done",
            AsUser(), installation.Wrapper("probe"));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(Host.KeepersOf(installation.Prefix));
        Assert.Single(Host.SquashfuseProcessesFor(installation.Image));
    }

    [Fact]
    public void The_keeper_ends_when_idle_and_takes_the_mount_with_it()
    {
        // Arrange
        installation.StopKeepers();

        // Act: shared_mount_idle is 1 s; a program running 2 s keeps it
        using var running = Run.Start(["runuser", "-u", Host.UnprivilegedUser, "--", installation.Wrapper("probe"), "sleep", "2"], new RunOptions());
        Assert.True(Host.Eventually(() => Host.KeepersOf(installation.Prefix).Count == 1, Patience));
        Thread.Sleep(TimeSpan.FromSeconds(1.5));
        var keptWhileRunning = Host.KeepersOf(installation.Prefix).Count;
        Assert.True(running.WaitForExit(Patience));

        // Assert
        Assert.Equal(1, keptWhileRunning);
        Assert.True(Host.Eventually(() => Host.KeepersOf(installation.Prefix).Count == 0, Patience), "the keeper did not end when idle");
        Assert.True(Host.Eventually(() => Host.SquashfuseProcessesFor(installation.Image).Count == 0, Patience), "squashfuse outlived the keeper");
    }

    [Fact]
    public void Killing_the_keeper_leaves_no_mount_and_the_next_launch_starts_another()
    {
        // Arrange
        installation.StopKeepers();
        Assert.Equal(0, Run.Command([installation.Wrapper("probe"), "exit", "0"], AsUser()).ExitCode);
        var killed = Assert.Single(Host.KeepersOf(installation.Prefix));

        // Act
        Run.Command(["kill", "-KILL", killed.ToString()]);
        var squashfuseGone = Host.Eventually(() => Host.SquashfuseProcessesFor(installation.Image).Count == 0, Patience);
        var next = Run.Command([installation.Wrapper("greet"), "again"], AsUser());

        // Assert
        Assert.True(squashfuseGone, "squashfuse outlived its keeper");
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal("greet from /LOCAL_TYKKY/bin/greet: again\n", next.Out);
        Assert.DoesNotContain(killed, Host.KeepersOf(installation.Prefix));
        Assert.Single(Host.KeepersOf(installation.Prefix));
    }

    [Fact]
    public void A_joined_program_has_no_capabilities_and_no_new_privileges()
    {
        var status = Run.Command([installation.Wrapper("probe"), "status"], AsUser()).Out.Split('\n');

        Assert.Single(Host.KeepersOf(installation.Prefix));
        foreach (var field in new[] { "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "SigIgn", "SigBlk" })
        {
            Assert.Contains(status, line => line.StartsWith(field + ":", StringComparison.Ordinal) && line.EndsWith("0000000000000000", StringComparison.Ordinal));
        }
        Assert.Contains("NoNewPrivs:\t1", status);
    }

    [Fact]
    public void Arguments_exit_codes_stdin_and_the_working_directory_pass_through_a_join()
    {
        // Arrange: bash builds the raw bytes, including invalid UTF-8
        const string script = "cd \"$2\" && exec \"$1\" argv 'a b' '' $'new\\nline' $'\\xff\\xfe' '*'";
        var expected = new[] { installation.Wrapper("probe"), "argv", "a b", "", "new\nline" }.Select(Encoding.UTF8.GetBytes)
            .Append([0xff, 0xfe]).Append(Encoding.UTF8.GetBytes("*")).Select(Convert.ToHexString);
        var workingDirectory = installation.Directory["src/share"];

        // Act
        var argv = Run.Bash(script, AsUser(), installation.Wrapper("probe"), workingDirectory);
        var exit = Run.Command([installation.Wrapper("probe"), "exit", "42"], AsUser());
        var stdin = Run.Command([installation.Wrapper("probe"), "cat"], AsUser(new RunOptions { Stdin = Encoding.UTF8.GetBytes("through stdin\n") }));
        var cwd = Run.Command([installation.Wrapper("_debug_exec"), "pwd"], AsUser(new RunOptions { WorkingDirectory = workingDirectory }));
        var greet = Run.Bash("cd \"$2\" && \"$1\"", AsUser(), installation.Wrapper("greet"), workingDirectory);

        // Assert
        Assert.Equal(expected, NulSeparated.Split(argv.Stdout).Select(Convert.ToHexString));
        Assert.Equal(42, exit.ExitCode);
        Assert.Equal("through stdin\n", stdin.Out);
        Assert.Equal(workingDirectory + "\n", cwd.Out);
        Assert.True(greet.ExitCode == 0, greet.ToString());
        Assert.Single(Host.KeepersOf(installation.Prefix));
    }

    [Fact]
    public void Terminating_a_joined_wrapper_ends_its_program()
    {
        // Arrange: the wrapper's pid becomes the program's (launcher, then tykky-join, then the program: all execs)
        var marker = $"{Guid.NewGuid():N}";
        using var sleeper = Run.Start(["runuser", "-u", Host.UnprivilegedUser, "--", installation.Wrapper("probe"), "sleep", "300", marker], new RunOptions());
        // the user's own process (runuser, root's, has the marker in its command line from the start)
        string UsersProgram() => Run.Command(["pgrep", "-u", Host.UnprivilegedUser, "-f", $"probe sleep 300 {marker}"]).Out.Trim();
        Assert.True(Host.Eventually(() => UsersProgram().Length > 0, Patience));
        var pid = UsersProgram();

        // Act
        Run.Command(["kill", "-TERM", pid]);

        // Assert
        Assert.True(sleeper.WaitForExit(Patience));
        Assert.True(Host.Eventually(() => !Host.ProcessRunning($"sleep\0300\0{marker}"), Patience), "the program outlived the TERM");
    }

    [RootFact]
    public void Another_user_cannot_join_the_keeper()
    {
        // Arrange: the test user's keeper stays while its program runs
        var other = Host.OtherUnprivilegedUser!;
        installation.StopKeepers();
        using var running = Run.Start(["runuser", "-u", Host.UnprivilegedUser, "--", installation.Wrapper("probe"), "sleep", "10"], new RunOptions());
        var records = UserKeeperDirectory;
        // the launcher writes the record once the keeper is ready, so the keeper's process shows first
        string[] LiveRecords() => !Directory.Exists(records) ? [] : Directory.GetFiles(records, "*.keeper")
            .Where(r => ReadOrEmpty(r) is var text && text.Contains(installation.Prefix, StringComparison.Ordinal)
                && Host.KeepersOf(installation.Prefix).Any(pid => text.StartsWith($"{pid} ", StringComparison.Ordinal)))
            .ToArray();
        Assert.True(Host.Eventually(() => LiveRecords().Length == 1, Patience), "no record of the running keeper");
        var record = LiveRecords().Single();
        var readable = installation.Directory.Write("stolen.keeper", File.ReadAllText(record));

        // Act: the other user tries to enter the keeper's namespaces directly, then runs the wrapper itself
        var join = Run.Command([Path.Join(installation.Prefix, "tykky-join"), readable, "0", "/", "/bin/true", "true"], new RunOptions { User = other });
        var ownLaunch = Run.Command([installation.Wrapper("greet"), "mine"], new RunOptions { User = other });

        // Assert: the kernel does not even let the other user open the keeper's namespaces
        Assert.Equal(69, join.ExitCode);
        Assert.StartsWith("tykky: cannot join the installation's keeper '/proc/", join.Stderr);
        Assert.EndsWith("/ns/user': Permission denied\n", join.Stderr);
        Assert.True(ownLaunch.ExitCode == 0, ownLaunch.ToString());
        Assert.Equal(2, Host.KeepersOf(installation.Prefix).Count);
        running.Kill(entireProcessTree: true);
        installation.StopKeepers();
    }

    [RootFact]
    public void Later_launches_take_the_generations_manifest_and_joiner_from_local_copies_in_the_keeper_directory()
    {
        // Arrange: the launch that starts the keeper copies the generation's manifest and joiner
        installation.StopKeepers();
        using var holder = Run.Start([installation.Wrapper("probe"), "sleep", "30"], AsUser());
        Assert.True(Host.Eventually(() => Host.KeepersOf(installation.Prefix).Count == 1, Patience));
        var generation = Path.Join(installation.Prefix, "generations", "1");
        var manifest = Path.Join(generation, "tykky.json");
        var joiner = Path.Join(generation, "tykky-join");
        var keepers = UserKeeperDirectory;
        var copies = Directory.GetFiles(keepers, "*.manifest").Where(copy => File.ReadAllText(copy) == File.ReadAllText(manifest)).ToArray();

        // Act: the user may read neither the generation's manifest nor its joiner any more
        var (manifestMode, joinerMode) = (File.GetUnixFileMode(manifest), File.GetUnixFileMode(joiner));
        File.SetUnixFileMode(manifest, UnixFileMode.UserRead);
        File.SetUnixFileMode(joiner, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        RunResult launch;
        try
        {
            launch = Run.Command([installation.Wrapper("greet"), "copied"], AsUser());
        }
        finally
        {
            File.SetUnixFileMode(manifest, manifestMode);
            File.SetUnixFileMode(joiner, joinerMode);
            holder.Kill(entireProcessTree: true);
        }

        // Assert
        var copy = Assert.Single(copies);
        Assert.Equal(File.ReadAllBytes(joiner), File.ReadAllBytes(copy[..^".manifest".Length] + ".join"));
        Assert.True(launch.ExitCode == 0, launch.ToString());
        Assert.Equal("greet from /LOCAL_TYKKY/bin/greet: copied\n", launch.Out);
    }

    [Fact]
    public void Starting_a_keeper_removes_what_killed_launches_left_in_the_keeper_directory()
    {
        // Arrange: files a launch killed between writing and renaming leaves, and one being written now
        installation.StopKeepers();
        Assert.Equal(0, Run.Command([installation.Wrapper("probe"), "exit", "0"], AsUser()).ExitCode);
        installation.StopKeepers();
        var ended = Run.Command(["sh", "-c", "echo $$"]).Out.Trim();
        string[] left = [$"0123456789abcdef-0123456789abcdef.keeper.{ended}", $"0123456789abcdef-0123456789abcdef.manifest.{ended}"];
        var inUse = $"0123456789abcdef-0123456789abcdef.keeper.{Environment.ProcessId}";
        foreach (var name in left.Append(inUse))
        {
            Assert.Equal(0, Run.Command(["touch", Path.Join(UserKeeperDirectory, name)], AsUser()).ExitCode);
        }

        // Act
        var launch = Run.Command([installation.Wrapper("greet"), "clean"], AsUser());

        // Assert
        Assert.True(launch.ExitCode == 0, launch.ToString());
        Assert.All(left, name => Assert.False(File.Exists(Path.Join(UserKeeperDirectory, name)), name));
        Assert.True(File.Exists(Path.Join(UserKeeperDirectory, inUse)));
        File.Delete(Path.Join(UserKeeperDirectory, inUse));
    }

    [Fact]
    public void Opting_out_builds_a_sandbox_for_each_launch()
    {
        // Arrange
        installation.StopKeepers();

        // Act
        var result = Run.Command([installation.Wrapper("greet"), "alone"], AsUser(new RunOptions { Environment = new Dictionary<string, string?> { ["TYKKY_SHARED_MOUNT"] = "0" } }));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Host.KeepersOf(installation.Prefix));
    }

    [RootFact]
    public void Root_builds_a_sandbox_for_each_launch()
    {
        // bubblewrap is privileged for root: a joined program would keep root's capabilities
        installation.StopKeepers();

        var result = Run.Command([installation.Wrapper("greet"), "root"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Host.KeepersOf(installation.Prefix));
    }

    [Fact]
    public void Shared_mount_no_gives_an_installation_without_a_keeper()
    {
        // Arrange
        using var directory = new Tykky.Tests.TempDir("no-keeper");
        var prefix = SharedMountInstallation.Build(directory, "shared_mount: no\n");

        // Act
        var result = Run.Command([Path.Join(prefix, "bin", "greet"), "hi"], AsUser());

        // Assert
        Assert.Equal("greet from /LOCAL_TYKKY/bin/greet: hi\n", result.Out);
        Assert.Empty(Host.KeepersOf(prefix));
        Assert.False(File.Exists(Path.Join(prefix, "tykky-join")));
        Assert.DoesNotContain("sharedMount", File.ReadAllText(Path.Join(prefix, "tykky.json")));
    }

    [Fact]
    public void The_build_records_squashfuse_ll_and_the_keeper_mounts_with_it_read_only()
    {
        // Arrange
        installation.StopKeepers();

        // Act
        var result = Run.Command([installation.Wrapper("greet"), "low"], AsUser());
        var mounts = Host.SquashfuseCommandLinesFor(installation.Image);
        var server = Assert.Single(Host.SquashfuseProcessesFor(installation.Image));
        var library = Host.RealPath(Path.Join(installation.Prefix, "current", "squashfuse-noopen.so"))!;

        // Assert: squashfuse_ll caches lookups and attributes for good itself and refuses libfuse's high-level options; ro keeps attributes across reads
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("/usr/bin/squashfuse_ll", JsonNode.Parse(File.ReadAllText(Path.Join(installation.Prefix, "tykky.json")))!["runtime"]!["squashfuse"]!.GetValue<string>());
        Assert.Equal(["/usr/bin/squashfuse_ll", "-o", "ro", Host.RealPath(installation.Image)!, "/LOCAL_TYKKY"], Assert.Single(mounts));
        // and runs with the generation's squashfuse-noopen loaded (the kernel opens the mount's files without asking it)
        Assert.Contains(library, File.ReadAllText($"/proc/{server}/maps"));
    }

    [Fact]
    public void Listings_and_programs_read_through_the_keeper_stay_the_image_s_when_the_kernel_opens_without_asking()
    {
        // Arrange: a directory of 500 names takes several READDIRs; squashfuse-noopen answers them with the inode it looked up once
        installation.StopKeepers();
        var expected = string.Concat(Enumerable.Range(0, ProbeInstallation.DataFileCount).Select(i => $"file{i:D4}.txt\n"));

        // Act: the first listing is squashfuse_ll's, the later ones the kernel's cache; each launch execs probe from the image
        var listings = Enumerable.Range(0, 3).Select(_ => Run.Command([installation.Wrapper("probe"), "list", "/LOCAL_TYKKY/share/data"], AsUser())).ToArray();

        // Assert
        Assert.All(listings, listing => Assert.True(listing.ExitCode == 0 && listing.Out == expected, listing.ToString()));
        Assert.Single(Host.KeepersOf(installation.Prefix));
    }

    /// <summary>
    /// A probe installation with <paramref name="count"/> files of <paramref name="size"/> random bytes
    /// in share/blocks (random: they compress to themselves; files of 1 KiB lie ~125 to a fragment
    /// block); returns its prefix and the files' bytes.
    /// </summary>
    private static (string Prefix, byte[][] Files) BuildWithRandomFiles(Tykky.Tests.TempDir directory, int count, int size)
    {
        var random = new Random(10);
        var files = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            files[i] = new byte[size];
            random.NextBytes(files[i]);
            var path = directory[$"src/share/blocks/f{i:D4}.bin"];
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, files[i]);
        }
        return (SharedMountInstallation.Build(directory, "shared_mount_idle: 1\n"), files);
    }

    [Fact]
    public void A_keeper_reads_its_image_into_the_page_cache_once_its_mount_serves()
    {
        // Arrange: an image of ~32 MiB (more than a disk's read-ahead window, 8 MiB on these VMs), none
        // of it in the page cache (written out first: dirty pages stay)
        using var directory = new Tykky.Tests.TempDir("read-ahead");
        var (prefix, _) = BuildWithRandomFiles(directory, 32, 1 << 20);
        var image = Host.RealPath(Path.Join(prefix, "img.sqfs"))!;
        var size = new FileInfo(image).Length;
        long Cached() => long.Parse(Run.Command(["fincore", "--bytes", "--noheadings", "--output", "RES", image]).Out.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Run.Command(["sync", image]);
        Run.Command(["dd", $"if={image}", "iflag=nocache", "count=0", "status=none"]);
        Assert.True(Cached() < size / 2, $"the image stayed in the page cache ({Cached()} of {size} bytes): this test needs /tmp on a disk");

        // Act: greet reads the image's superblock, tables and a block
        var result = Run.Command([Path.Join(prefix, "bin", "greet"), "ahead"], AsUser());

        // Assert: the keeper has read the rest
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(Host.Eventually(() => Cached() >= size, Patience), $"{Cached()} of {size} bytes of the image in the page cache");
        Host.StopKeepersOf(prefix);
    }

    [Fact]
    public void Files_read_through_a_keeper_s_squashfuse_are_the_image_s_bytes_when_blocks_are_decompressed_again()
    {
        // Arrange: read in an order that visits the fragment blocks in turn, more than squashfuse_ll
        // keeps (three), so it decompresses each again and again and squashfuse-noopen's memo answers
        using var directory = new Tykky.Tests.TempDir("block-memo");
        var (prefix, files) = BuildWithRandomFiles(directory, 1500, 1024);
        var order = Enumerable.Range(0, files.Length).OrderBy(i => i % 125).ThenBy(i => i).ToArray();

        // Act
        var result = Run.Command([Path.Join(prefix, "bin", "probe"), "files", .. order.Select(i => $"/LOCAL_TYKKY/share/blocks/f{i:D4}.bin")], AsUser());
        Host.StopKeepersOf(prefix);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(order.SelectMany(i => files[i]).ToArray(), result.Stdout);
    }

    [Fact]
    public void An_installation_that_names_squashfuse_gets_a_keeper_with_long_cache_timeouts()
    {
        // Arrange: as built where the squashfuse package has no squashfuse_ll (or by an earlier Tykky)
        using var directory = new Tykky.Tests.TempDir("high-level");
        var prefix = SharedMountInstallation.Build(directory, "shared_mount_idle: 1\n");
        var manifestPath = Path.Join(prefix, "tykky.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["runtime"]!["squashfuse"] = "/usr/bin/squashfuse";
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        // Act
        var result = Run.Command([Path.Join(prefix, "bin", "greet"), "high"], AsUser());
        var mounts = Host.SquashfuseCommandLinesFor(Path.Join(prefix, "img.sqfs"));
        Host.StopKeepersOf(prefix);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("greet from /LOCAL_TYKKY/bin/greet: high\n", result.Out);
        Assert.Equal(["/usr/bin/squashfuse", "-o", "ro,entry_timeout=86400,attr_timeout=86400,negative_timeout=86400", Host.RealPath(Path.Join(prefix, "img.sqfs"))!, "/LOCAL_TYKKY"],
            Assert.Single(mounts));
    }

    [Fact]
    public void A_missing_image_starts_no_keeper_and_the_launch_says_what_is_wrong()
    {
        // Arrange: the keeper's name comes from the generation, not from a stat of its image
        using var directory = new Tykky.Tests.TempDir("no-image");
        var prefix = SharedMountInstallation.Build(directory, "shared_mount_idle: 1\n");
        var image = Host.RealPath(Path.Join(prefix, "img.sqfs"))!;
        File.Delete(image);

        // Act
        var result = Run.Command([Path.Join(prefix, "bin", "greet"), "hi"], AsUser());

        // Assert: the keeper could not mount it, so the launch's own sandbox reported why
        Assert.Equal(78, result.ExitCode);
        Assert.Equal($"tykky: cannot mount image '{image}': No such file or directory: the installation's image is missing or unreadable; restore the file or rebuild the installation\n", result.Stderr);
        Assert.Empty(Host.KeepersOf(prefix));
    }

    /// <summary>A record's text, or empty when a launcher removed it between listing and reading.</summary>
    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            return "";
        }
    }
}
