using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Planning;
using Tykky.Launcher.Tests.Fixtures;
using static Tykky.Launcher.Tests.Fixtures.Launches;

namespace Tykky.Launcher.Tests;

/// <summary>When a bubblewrap launch joins a keeper, what the keeper is and how the join is executed.</summary>
public class SharedMountPlanSpecs
{
    private static InstallationManifest Shared(InstallationManifest manifest) => manifest with { SharedMount = new SharedMountSpec { IdleSeconds = 60 } };

    private static HostFacts SharedHost() => Launches.Host() with { UserId = 1000, WorkingDirectory = "/home/user/work", ImageIdentity = "4096:1" };

    private static SharedMountPlan? PlanOf(LaunchContext context) => ExecPlanner.Plan(context).SharedMount;

    /// <summary>One row: a launch that must build its own sandbox.</summary>
    public sealed record OwnSandbox(string Name)
    {
        internal Func<LaunchContext> Context { get; init; } = () => Launches.Context();

        public override string ToString() => Name;
    }

    public static TheoryData<OwnSandbox> OwnSandboxRows() =>
    [
        new("An installation without a shared mount builds its own sandbox") { Context = () => Context(Launches.Manifest(), host: SharedHost()) },
        new("Root builds its own sandbox: a joined program would keep root's capabilities") { Context = () => Context(Shared(Launches.Manifest()), host: SharedHost() with { RunsAsRoot = true }) },
        new("TYKKY_SHARED_MOUNT=0 opts a launch out") { Context = () => Context(Shared(Launches.Manifest()), [.. CallerEnvironment, "TYKKY_SHARED_MOUNT=0"], SharedHost()) },
        new("TYKKY_SHARED_MOUNT=no opts a launch out") { Context = () => Context(Shared(Launches.Manifest()), [.. CallerEnvironment, "TYKKY_SHARED_MOUNT=no"], SharedHost()) },
        // _debug_shell searches bash, sh inside: a search is the inner step's job
        new("A command search inside builds its own sandbox") { Context = () => Context(Shared(Launches.Manifest()), host: SharedHost(), call: Call("_debug_shell")) },
        new("An unknown working directory builds its own sandbox") { Context = () => Context(Shared(Launches.Manifest()), host: SharedHost() with { WorkingDirectory = null }) },
        new("A missing image builds its own sandbox (which reports it)") { Context = () => Context(Shared(Launches.Manifest()), host: SharedHost() with { ImageIdentity = null }) },
    ];

    [Theory]
    [MemberData(nameof(OwnSandboxRows))]
    public void Launches_that_cannot_share_a_mount_have_no_shared_plan(OwnSandbox row) => Assert.Null(PlanOf(row.Context()));

    [Fact]
    public void The_keeper_is_a_detached_bubblewrap_with_the_host_proc_whose_first_process_mounts_the_image()
    {
        var plan = PlanOf(Context(Shared(Launches.Manifest()), host: SharedHost()))!;

        Assert.Equal(new ProgramPath($"{Prefix}/tykky-join"), plan.KeeperStart.Target);
        Assert.Equal(
        [
            "--detach", Bwrap, "--unshare-user", "--unshare-pid", "--die-with-parent",
            "--cap-drop", "ALL", "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP",
            "--dev-bind", "/dev", "/dev", "--bind", "/proc", "/proc", "--ro-bind", "/sys", "/sys",
            "--bind", "/etc", "/etc", "--bind", "/home", "/home", "--bind", "/tmp", "/tmp", "--bind", "/usr", "/usr",
            "--dir", InstallationPath, "--bind", $"{Prefix}/_bin", $"{Prefix}/bin",
            "--", $"{Prefix}/tykky-launcher", "--tykky-keeper", "3", "4", "60", Squashfuse, $"{Prefix}/squashfuse-noopen.so", "/LOCAL_TYKKY/.tykky/installation-id", "", "", $"{Prefix}/img.sqfs", "0", InstallationPath,
        ], plan.KeeperStart.Arguments);
    }

    [Fact]
    public void The_join_execs_tykky_join_with_the_record_the_lock_the_cwd_and_the_program_as_the_sandbox_would()
    {
        var context = Context(Shared(Launches.Manifest()), host: SharedHost(), call: Call("python", "a b", ""));
        var plan = PlanOf(context)!;
        var join = plan.Join(7);

        Assert.Equal(new ProgramPath($"{Prefix}/tykky-join"), join.Launch.Target);
        Assert.Equal([plan.RecordPath, "7", "/home/user/work", ProgramInside, $"{Prefix}/bin/python", "a b", ""], join.Launch.Arguments);
        Assert.Equal(ExecPlanner.Plan(context).Environment, join.Environment);
        Assert.StartsWith("/tmp/tykky-1000/3f2a9c0e-", plan.RecordPath);
        Assert.EndsWith(".keeper", plan.RecordPath);
        Assert.Equal(plan.RecordPath[..^".keeper".Length] + ".lock", plan.LockPath);
    }

    [Fact]
    public void The_join_and_the_keepers_start_exec_tykky_join_through_the_installation_directorys_handle_with_its_real_path_as_argv0()
    {
        var context = Context(Shared(Launches.Manifest()), host: SharedHost(), call: Call("python") with { FilesLookup = "/proc/self/fd/5" });
        var plan = PlanOf(context)!;
        var join = plan.Join(7);

        Assert.Equal(new ProgramPath("/proc/self/fd/5/tykky-join"), join.Launch.Target);
        Assert.Equal($"{Prefix}/tykky-join", join.Launch.Argv0);
        Assert.Equal(new ProgramPath("/proc/self/fd/5/tykky-join"), plan.KeeperStart.Target);
        Assert.Equal($"{Prefix}/tykky-join", plan.KeeperStart.Argv0);
        Assert.Equal($"{Prefix}/tykky-join", plan.Joiner);
        Assert.DoesNotContain(plan.KeeperStart.Arguments, a => a.Contains("/proc/self/fd", StringComparison.Ordinal));
    }

    [Fact]
    public void With_local_copies_the_join_execs_the_joiners_copy_and_falls_back_to_the_installations_joiner()
    {
        var copies = new Keeper.LocalCopies("/tmp/tykky-1000", "/tmp/tykky-1000/a-b.manifest", "/tmp/tykky-1000/a-b.join");
        var context = Context(Shared(Launches.Manifest()), host: SharedHost(), call: Call("python") with { Copies = copies });
        var plan = PlanOf(context)!;
        var join = plan.Join(7);

        Assert.Equal(["/tmp/tykky-1000/a-b.join", $"{Prefix}/tykky-join"], Assert.IsType<CommandSearch>(join.Launch.Target).Candidates);
        Assert.Equal($"{Prefix}/tykky-join", join.Launch.Argv0);
        Assert.Same(copies, plan.Copies);
        Assert.Equal(new ProgramPath($"{Prefix}/tykky-join"), plan.KeeperStart.Target);
    }

    /// <summary>One row: a change of the launch and whether it must get another keeper.</summary>
    public sealed record KeyRow(string Name, bool SameKeeper)
    {
        internal Func<LaunchContext> Context { get; init; } = () => Launches.Context();

        public override string ToString() => Name;
    }

    public static TheoryData<KeyRow> KeyRows() =>
    [
        new("Another program and other arguments share the keeper", true) { Context = () => Context(Shared(Launches.Manifest()), host: SharedHost(), call: Call("pip", "install")) },
        new("Another working directory shares the keeper", true) { Context = () => Context(Shared(Launches.Manifest()), host: SharedHost() with { WorkingDirectory = "/tmp" }) },
        new("A rebuilt image gets its own keeper", false) { Context = () => Context(Shared(Launches.Manifest()), host: SharedHost() with { ImageIdentity = "4096:2" }) },
        new("Another Slurm job gets its own keeper", false) { Context = () => Context(Shared(Launches.Manifest()), [.. CallerEnvironment, "SLURM_JOB_ID=42"], SharedHost()) },
        new("Another TMPDIR (other mounts) gets its own keeper", false)
        {
            Context = () => Context(Shared(Launches.Manifest()), [.. CallerEnvironment, "TMPDIR=/home/user/tmp"], SharedHost() with { ExistingPaths = new HashSet<string> { "/home/user/tmp" } }),
        },
        new("XDG_RUNTIME_DIR moves the keeper directory", false) { Context = () => Context(Shared(Launches.Manifest()), [.. CallerEnvironment, "XDG_RUNTIME_DIR=/run/user/1000"], SharedHost()) },
    ];

    [Theory]
    [MemberData(nameof(KeyRows))]
    public void Launches_with_the_same_mounts_share_a_keeper_and_others_get_their_own(KeyRow row)
    {
        var reference = PlanOf(Context(Shared(Launches.Manifest()), host: SharedHost()))!;

        var plan = PlanOf(row.Context())!;

        Assert.Equal(row.SameKeeper, plan.RecordPath == reference.RecordPath);
    }

    [Theory]
    [InlineData(null, 1000u, "/tmp/tykky-1000")]
    [InlineData("", 1000u, "/tmp/tykky-1000")]
    [InlineData("relative", 7u, "/tmp/tykky-7")]
    [InlineData("/run/user/1000", 1000u, "/run/user/1000/tykky")]
    [InlineData("/run/user/1000/", 1000u, "/run/user/1000/tykky")]
    public void The_keeper_directory_is_the_runtime_directory_or_one_in_tmp_per_user(string? runtimeDirectory, uint uid, string expected) =>
        Assert.Equal(expected, KeeperRecords.Directory(runtimeDirectory, uid));

    [Fact]
    public void A_record_round_trips_and_a_damaged_one_is_none()
    {
        var record = new KeeperRecord(1234, "56789", "/home/user/my env");

        Assert.Equal(record, KeeperRecords.Parse(KeeperRecords.Format(record)));
        Assert.Null(KeeperRecords.Parse("1 2 /x\n"));
        Assert.Null(KeeperRecords.Parse("x 2 /x\n"));
        Assert.Null(KeeperRecords.Parse("1234 56789"));
        Assert.Null(KeeperRecords.Parse(""));
    }

    [Theory]
    [InlineData("4242 (sleep) S 1 4242 4242 0 -1 4194560 99 0 0 0 0 0 0 0 20 0 1 0 307487 3457024 498", "307487")]
    // the command name may hold spaces and parentheses; the fields count from the last ')'
    [InlineData("4242 (a) b (c) S 1 4242 4242 0 -1 4194560 99 0 0 0 0 0 0 0 20 0 1 0 99 3457024 498", "99")]
    [InlineData("4242 (short) S 1", null)]
    [InlineData("garbage", null)]
    public void The_start_time_is_field_22_of_proc_stat(string stat, string? expected) => Assert.Equal(expected, KeeperRecords.StartTimeOf(stat));
}
