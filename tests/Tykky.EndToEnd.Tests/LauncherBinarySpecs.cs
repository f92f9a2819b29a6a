using System.Text;
using Tykky.EndToEnd.Tests.Infrastructure;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// The published launcher, run through the wrappers of a real installation on the real bubblewrap +
/// squashfuse runtime, as root and as an unprivileged user.
/// </summary>
[Collection(ProbeInstallationCollection.Name)]
public sealed class LauncherBinarySpecs(ProbeInstallation installation)
{
    public static TheoryData<bool> Users => new() { false, true };

    private static RunOptions As(bool unprivileged, RunOptions? options = null) =>
        (options ?? new RunOptions()) with { User = unprivileged ? Host.UnprivilegedUser : null };

    [Theory]
    [MemberData(nameof(Users))]
    public void Arguments_arrive_byte_exact(bool unprivileged)
    {
        // Arrange: bash builds the raw bytes, including invalid UTF-8, so that no .NET encoding is involved.
        const string script = "exec \"$1\" argv 'a b' '' \"it's\" '\"q\"' '*' '$x' $'new\\nline' $'\\xff\\xfe' 'é' $'tab\\there' '-c' '--'";
        var expected = new List<byte[]> { Bytes(installation.Wrapper("probe")), Bytes("argv"), Bytes("a b"), Bytes(""), Bytes("it's"), Bytes("\"q\""),
            Bytes("*"), Bytes("$x"), Bytes("new\nline"), new byte[] { 0xff, 0xfe }, Bytes("é"), Bytes("tab\there"), Bytes("-c"), Bytes("--") };

        // Act
        var result = Run.Bash(script, As(unprivileged), installation.Wrapper("probe"));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected.Select(Convert.ToHexString), NulSeparated.Split(result.Stdout).Select(Convert.ToHexString));
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void Argv0_is_the_full_path_found_on_PATH_when_called_by_bare_name()
    {
        // the shell finds "probe" on PATH and passes argv[0] = "probe"; the launcher finds it the same way
        var result = Run.Bash("exec probe argv", new RunOptions { Environment = new Dictionary<string, string?> { ["PATH"] = $"{installation.Prefix}/bin:/usr/bin:/bin" } });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(installation.Wrapper("probe"), Encoding.UTF8.GetString(NulSeparated.Split(result.Stdout)[0]));
    }

    [Fact]
    public void Argv0_is_the_unresolved_path_of_a_further_symlink()
    {
        // Arrange: like a venv's bin/python → <prefix>/bin/python
        var link = installation.Directory["links/bin/my-probe"];
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        if (!File.Exists(link))
        {
            File.CreateSymbolicLink(link, installation.Wrapper("probe"));
        }

        // Act
        var relative = Run.Bash("exec ./bin/my-probe argv", new RunOptions { WorkingDirectory = installation.Directory["links"] });
        var absolute = Run.Command([link, "argv"]);

        // Assert: made absolute, so that sys.executable stays valid wherever the program goes
        Assert.Equal(link, Encoding.UTF8.GetString(NulSeparated.Split(relative.Stdout)[0]));
        Assert.Equal(link, Encoding.UTF8.GetString(NulSeparated.Split(absolute.Stdout)[0]));
    }

    [Theory]
    [InlineData("./probe", "/usr/bin:/bin")]   // cd P/bin && ./probe
    [InlineData("probe", ".:/usr/bin:/bin")]   // PATH holding "."
    [InlineData("probe", "/usr/bin::/bin")]    // an empty PATH entry is the current directory
    [InlineData("probe", "/usr/bin:/bin:")]
    public void A_wrapper_called_relative_to_the_current_directory_runs_with_its_absolute_path_as_argv0(string command, string searchPath)
    {
        // cd as the user does: the shell's $PWD keeps <prefix>/bin, whose real path is the generation's bin/
        var result = Run.Bash($"cd \"$1\" && exec {command} argv x", new RunOptions
        {
            Environment = new Dictionary<string, string?> { ["PATH"] = searchPath },
        }, Path.Join(installation.Prefix, "bin"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([installation.Wrapper("probe"), "argv", "x"], NulSeparated.Split(result.Stdout).Select(Encoding.UTF8.GetString));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public void A_program_started_with_fd_0_1_or_2_closed_runs_and_sees_it_closed(int closed, bool unprivileged)
    {
        // Arrange: daemons and schedulers start programs like this; squashfuse must still keep the image
        var wrapped = Path.Join("/tmp", $"tykky-fds-{Guid.NewGuid():N}");
        var bare = wrapped + ".bare";
        var script = $"exec \"$1\" fds \"$2\" {closed}>&-";

        // Act
        try
        {
            var result = Run.Bash(script, As(unprivileged), installation.Wrapper("probe"), wrapped);
            Run.Bash(script, As(unprivileged), Path.Join(installation.Source, "bin/probe"), bare);

            // Assert: the closed one is closed for the program, the others are the caller's, and no
            // other descriptor is open than the bare program has (the launcher's memory files are gone)
            Assert.True(result.ExitCode == 0, result.ToString());
            var lines = File.ReadAllLines(wrapped);
            Assert.Equal($"{closed} closed", lines[closed]);
            Assert.All(Enumerable.Range(0, 3).Where(fd => fd != closed), fd => Assert.DoesNotMatch("closed|/dev/null|memfd", lines[fd]));
            Assert.Equal(File.ReadAllLines(bare).Skip(3), lines.Skip(3));
        }
        finally
        {
            File.Delete(wrapped);
            File.Delete(bare);
        }
    }

    [Fact]
    public void With_stderr_closed_a_failing_launch_still_exits_with_its_code()
    {
        var result = Run.Bash("\"$1\" 2>&-; echo \"status $?\"", null, installation.Wrapper("_debug_exec"));

        Assert.Equal("status 64\n", result.Out);
    }

    [Fact]
    public void The_launchers_lines_are_kept_in_a_job_output_file_shared_with_other_writers()
    {
        // Arrange: as a batch job writes its output: one file, opened once, for stdout and stderr
        var output = Path.Join("/tmp", $"tykky-job-{Guid.NewGuid():N}.out");

        // Act
        try
        {
            Run.Bash("{ echo A; CW_EXTRA_BIND_MOUNTS=/no/such \"$1\" exit 0; \"$2\"; echo B; } > \"$3\" 2>&1", null,
                installation.Wrapper("probe"), installation.Wrapper("_debug_exec"), output);

            // Assert
            Assert.Equal(
                "A\ntykky: warning: CW_EXTRA_BIND_MOUNTS entry '/no/such:/no/such' skipped: '/no/such' does not exist\n"
                + $"tykky: nothing to run '{installation.Wrapper("_debug_exec")}': usage: _debug_exec COMMAND [ARGUMENTS...]\nB\n",
                File.ReadAllText(output));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Twenty_thousand_arguments_arrive_although_bubblewrap_takes_at_most_9000()
    {
        // Arrange
        var arguments = Enumerable.Range(1, 20_000).Select(i => $"a{i}").ToArray();

        // Act
        var result = Run.Command([installation.Wrapper("probe"), "argv", .. arguments]);

        // Assert
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal([installation.Wrapper("probe"), "argv", .. arguments], NulSeparated.Split(result.Stdout).Select(Encoding.UTF8.GetString));
    }

    [Theory]
    [MemberData(nameof(Users))]
    public void A_wrapper_runs_under_a_small_virtual_memory_limit(bool unprivileged)
    {
        // Arrange: some login nodes cap address space (ulimit -v); the launcher's GC reserves its heap's
        // address range at start, which must shrink to fit: 64 MiB is far below the GC's default
        // reservation (256 GiB) and below a fixed range of 1 GiB, and enough for the launcher,
        // bubblewrap, squashfuse and the probe.
        const string script = "ulimit -v 65536 && exec \"$1\" argv x";

        // Act
        var result = Run.Bash(script, As(unprivileged), installation.Wrapper("probe"));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([installation.Wrapper("probe"), "argv", "x"], NulSeparated.Split(result.Stdout).Select(Encoding.UTF8.GetString));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(42)]
    public void Exit_codes_pass_through(int code)
    {
        var result = Run.Command([installation.Wrapper("probe"), "exit", code.ToString()]);

        Assert.Equal(code, result.ExitCode);
        Assert.Equal("", result.Stderr);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(9)]
    public void Death_by_signal_reaches_the_caller_as_128_plus_the_signal(int signal)
    {
        // bubblewrap's pid-1 reports a child killed by signal N as exit status 128+N, which is also
        // what a shell shows for a program killed by N.
        var result = Run.Command([installation.Wrapper("probe"), "signal", signal.ToString()]);

        Assert.Equal(128 + signal, result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Users))]
    public void Stdin_and_stdout_pass_through_a_pipe(bool unprivileged)
    {
        var input = Encoding.UTF8.GetBytes("line one\nline\0two\n");

        var result = Run.Command([installation.Wrapper("probe"), "cat"], As(unprivileged, new RunOptions { Stdin = input }));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(input, result.Stdout);
    }

    [Fact]
    public void A_program_writing_into_a_closed_pipe_ends_by_SIGPIPE()
    {
        // .NET ignores SIGPIPE and an ignored signal survives execve; probe yes ignores write errors,
        // so it only ends if the launcher restored SIGPIPE's default before the exec.
        var result = Run.Bash("\"$1\" yes | head -c 8", new RunOptions { Timeout = TimeSpan.FromSeconds(60) }, installation.Wrapper("probe"));

        Assert.Equal("y\ny\ny\ny\n", result.Out);
    }

    [Theory]
    [MemberData(nameof(Users))]
    public void The_program_runs_with_no_capabilities_and_no_ignored_or_blocked_signals(bool unprivileged)
    {
        var status = Run.Command([installation.Wrapper("probe"), "status"], As(unprivileged)).Out.Split('\n');

        foreach (var field in new[] { "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "SigIgn", "SigBlk" })
        {
            Assert.Contains(status, line => line.StartsWith(field + ":", StringComparison.Ordinal) && line.EndsWith("0000000000000000", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Stale_runtime_variables_of_an_enclosing_container_are_removed()
    {
        // Arrange: what `srun` started from inside an apptainer container leaks (apptainer-observed.md)
        var leaked = new Dictionary<string, string?>
        {
            ["APPTAINER_BIND"] = "/does/not/exist:/x",
            ["SINGULARITY_BIND"] = "/does/not/exist:/x",
            ["APPTAINER_NAME"] = "other.sif",
            ["SINGULARITY_CONTAINER"] = "/data/other.sif",
            ["APPTAINER_ENVIRONMENT"] = "/.singularity.d/env/91-environment.sh",
            ["LD_LIBRARY_PATH"] = "/.singularity.d/libs:/opt/site/lib",
            ["KEEP_ME"] = "kept",
        };

        // Act
        var result = Run.Command([installation.Wrapper("probe"), "env", "APPTAINER_BIND", "SINGULARITY_BIND", "APPTAINER_NAME", "SINGULARITY_CONTAINER",
            "APPTAINER_ENVIRONMENT", "LD_LIBRARY_PATH", "KEEP_ME"], new RunOptions { Environment = leaked });

        // Assert: add_ld put the installation's lib first
        Assert.Equal(
            "APPTAINER_BIND unset\nSINGULARITY_BIND unset\nAPPTAINER_NAME unset\nSINGULARITY_CONTAINER unset\nAPPTAINER_ENVIRONMENT unset\n" +
            "LD_LIBRARY_PATH=/LOCAL_TYKKY/lib:/opt/site/lib\nKEEP_ME=kept\n", result.Out);
    }

    [Fact]
    public void A_script_sees_its_real_path_inside_the_image_as_dollar_zero()
    {
        var result = Run.Command([installation.Wrapper("greet"), "a b", "c"]);

        Assert.Equal("greet from /LOCAL_TYKKY/bin/greet: a b c\n", result.Out);
    }

    [Fact]
    public void Inside_the_container_the_wrapper_paths_are_the_real_programs()
    {
        // <prefix>/bin is <prefix>/_bin inside, so sys.executable-style paths work in and out
        var result = Run.Command([installation.Wrapper("_debug_exec"), installation.Wrapper("probe"), "argv", "inner"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([installation.Wrapper("probe"), "argv", "inner"], NulSeparated.Split(result.Stdout).Select(Encoding.UTF8.GetString));
    }

    [Fact]
    public void Debug_exec_works_when_called_from_inside_the_container()
    {
        // upstream's _debug_exec was hidden by _bin inside; here it reaches the launcher, which runs the command directly
        var result = Run.Command([installation.Wrapper("_debug_exec"), installation.Wrapper("_debug_exec"), "/LOCAL_TYKKY/bin/probe", "argv", "nested"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["/LOCAL_TYKKY/bin/probe", "argv", "nested"], NulSeparated.Split(result.Stdout).Select(Encoding.UTF8.GetString));
    }

    [Fact]
    public void Debug_shell_starts_a_shell_in_the_container()
    {
        var result = Run.Command([installation.Wrapper("_debug_shell"), "-c", "ls /LOCAL_TYKKY/bin"]);

        Assert.Equal("README.txt\ngreet\nprobe\n", result.Out);
    }

    [Fact]
    public void Nothing_stays_mounted_or_running_after_the_program_exits()
    {
        // the unprivileged rows of this class share a mount through a keeper (SharedMountSpecs); root launches do not
        Host.StopKeepersOf(installation.Prefix);
        var result = Run.Command([installation.Wrapper("probe"), "exit", "0"]);

        Assert.Equal(0, result.ExitCode);
        Assert.True(Host.Eventually(() => Host.SquashfuseProcessesFor(installation.Image).Count == 0, TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain(installation.Image, File.ReadAllText("/proc/self/mountinfo"));
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public void Killing_the_wrapper_ends_the_program_and_squashfuse(string signal)
    {
        // Arrange: the wrapper's pid is the runtime's (the launcher execs, it does not fork)
        var marker = $"{Guid.NewGuid():N}";
        Host.StopKeepersOf(installation.Prefix);
        var options = new RunOptions { Timeout = TimeSpan.FromSeconds(60) };
        using var process = Run.Start([installation.Wrapper("_debug_exec"), "sh", "-c", $"sleep 300 # {marker}"], options);
        Assert.True(Host.Eventually(() => Host.ProcessRunning(marker) && Host.SquashfuseProcessesFor(installation.Image).Count > 0, TimeSpan.FromSeconds(20)));

        // Act
        Run.Command(["kill", $"-{signal}", process.Id.ToString()]);

        // Assert
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.True(Host.Eventually(() => !Host.ProcessRunning(marker), TimeSpan.FromSeconds(10)), "the program outlived the wrapper");
        Assert.True(Host.Eventually(() => Host.SquashfuseProcessesFor(installation.Image).Count == 0, TimeSpan.FromSeconds(10)), "squashfuse outlived the wrapper");
        Assert.DoesNotContain("squashfuse", File.ReadAllText("/proc/self/mountinfo"));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
