using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;
using Tykky.Launcher.Tests.Fixtures;
using static Tykky.Launcher.Tests.Fixtures.ExpectedArgv;
using static Tykky.Launcher.Tests.Fixtures.Launches;

namespace Tykky.Launcher.Tests;

/// <summary>
/// The exec plan of a wrapper call, row by row: each row is a manifest, a caller environment, host
/// facts and a call, and either the exact argv, envp and warnings of the plan or the error line.
/// </summary>
public class ExecPlannerSpecs
{
    /// <summary>One row of the table; its name is a sentence.</summary>
    public sealed record Case(string Name)
    {
        internal Func<InstallationManifest, InstallationManifest> Manifest { get; init; } = m => m;

        internal string[] Environment { get; init; } = CallerEnvironment;

        internal HostFacts Host { get; init; } = Launches.Host();

        internal WrapperInvocation Call { get; init; } = Launches.Call();

        /// <summary>What is executed: a path, or "search: a b" for a PATH search; the bwrap binary when null.</summary>
        internal string? ExpectedExec { get; init; }

        /// <summary>argv[0] then the arguments; null for an error row.</summary>
        internal string?[]? ExpectedArgv { get; init; }

        /// <summary>The envp; the caller's environment unchanged when null.</summary>
        internal string[]? ExpectedEnvironment { get; init; }

        internal string[] ExpectedWarnings { get; init; } = [];

        /// <summary>A part of the one-line error; the row expects success when null.</summary>
        internal string? ExpectedError { get; init; }

        internal ExitCode ExpectedExitCode { get; init; } = ExitCode.Config;

        internal LaunchContext Context() => Launches.Context(Manifest(Launches.Manifest()), Environment, Host, Call);

        public override string ToString() => Name;
    }

    public static TheoryData<Case> Rows() =>
    [
        // Golden row: a merged-/usr host as on Debian 12, written out in full.
        new("A wrapper on a merged-/usr host execs bwrap with every top-level directory, the image and the inner step")
        {
            Host = Launches.Host(
                Link("/bin", "usr/bin"), new HostEntry("/boot", null), new HostEntry("/dev", null), new HostEntry("/etc", null),
                new HostEntry("/home", null), Link("/lib", "usr/lib"), Link("/lib64", "usr/lib64"), new HostEntry("/proc", null),
                new HostEntry("/root", null), new HostEntry("/run", null), Link("/sbin", "usr/sbin"), new HostEntry("/scratch", null),
                new HostEntry("/sys", null), new HostEntry("/tmp", null), new HostEntry("/usr", null), new HostEntry("/var", null)),
            Call = Launches.Call("python", "-c", "print(1)"),
            ExpectedArgv =
            [
                "/usr/bin/bwrap",
                "--unshare-user", "--unshare-pid", "--die-with-parent",
                "--cap-drop", "ALL", "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP",
                "--dev-bind", "/dev", "/dev", "--proc", "/proc", "--ro-bind", "/sys", "/sys",
                "--symlink", "usr/bin", "/bin",
                "--bind", "/boot", "/boot",
                "--bind", "/etc", "/etc",
                "--bind", "/home", "/home",
                "--symlink", "usr/lib", "/lib",
                "--symlink", "usr/lib64", "/lib64",
                "--bind", "/root", "/root",
                "--bind", "/run", "/run",
                "--symlink", "usr/sbin", "/sbin",
                "--bind", "/scratch", "/scratch",
                "--bind", "/tmp", "/tmp",
                "--bind", "/usr", "/usr",
                "--bind", "/var", "/var",
                "--dir", "/LOCAL_TYKKY",
                "--bind", "/home/user/env/_bin", "/home/user/env/bin",
                "--",
                "/home/user/env/tykky-launcher", "--tykky-inner",
                "--squashfuse", "/usr/bin/squashfuse",
                "--mount", "/home/user/env/img.sqfs", "0", "/LOCAL_TYKKY",
                "--drop-caps",
                "--exec-path", "/LOCAL_TYKKY/bin/python3", "/home/user/env/bin/python", "-c", "print(1)",
            ],
            ExpectedEnvironment = ["PATH=/home/user/env/bin:/usr/bin:/bin", "HOME=/home/user", "LANG=C.UTF-8"],
        },
        // Golden row: isolated mode with every kind of extra input, written out in full.
        new("A wrapper call without arguments runs its program with the wrapper path as argv[0]")
        {
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
        },

        // Host mode: which top-level directories are bound.
        new("Host mode binds every top-level directory except /dev, /proc, /sys and every excluded mount point, not only the first")
        {
            Manifest = m => m with { ExcludedMountPoints = ["/scratch", "/projappl", "/appl"] },
            Host = Launches.Host(Dirs("/appl", "/dev", "/etc", "/home", "/proc", "/projappl", "/scratch", "/sys", "/tmp", "/usr")),
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
        },
        // Upstream dropped every top-level name containing "dev".
        new("Host mode binds /devel and /development; only /dev itself comes from the sandbox")
        {
            Host = Launches.Host(Dirs("/dev", "/devel", "/development", "/etc", "/home", "/proc", "/sys", "/tmp", "/usr")),
            ExpectedArgv = Bwrap(
                ["--bind", "/devel", "/devel", "--bind", "/development", "/development", .. HostBinds, .. ImageAndBin()],
                [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
        },
        new("Host mode recreates symlinked top-level directories as symlinks, in host order")
        {
            Host = Launches.Host([Link("/bin", "usr/bin"), .. Dirs("/dev", "/etc", "/home"), Link("/lib", "usr/lib"), .. Dirs("/proc", "/sys", "/tmp", "/usr")]),
            ExpectedArgv = Bwrap(
                ["--symlink", "usr/bin", "/bin", "--bind", "/etc", "/etc", "--bind", "/home", "/home", "--symlink", "usr/lib", "/lib",
                 "--bind", "/tmp", "/tmp", "--bind", "/usr", "/usr", .. ImageAndBin()],
                [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
        },
        new("A prefix below an excluded top-level directory gets a bind of its own")
        {
            Manifest = m => m with { ExcludedMountPoints = ["/scratch"] },
            Host = Launches.Host(Dirs("/dev", "/etc", "/home", "/proc", "/scratch", "/sys", "/tmp", "/usr")),
            Call = CallIn("/scratch/project_1/env"),
            ExpectedArgv = Bwrap(
                [.. HostBinds, "--bind", "/scratch/project_1/env", "/scratch/project_1/env", .. ImageAndBin("/scratch/project_1/env")],
                [.. MountOwnImage("/scratch/project_1/env"), .. ExecPython("/scratch/project_1/env/bin/python")],
                "/scratch/project_1/env"),
        },
        new("A prefix below a top-level directory that the host does not list gets a bind of its own")
        {
            Call = CallIn("/projappl/env"),
            ExpectedArgv = Bwrap(
                [.. HostBinds, "--bind", "/projappl/env", "/projappl/env", .. ImageAndBin("/projappl/env")],
                [.. MountOwnImage("/projappl/env"), .. ExecPython("/projappl/env/bin/python")],
                "/projappl/env"),
        },

        // Isolated mode.

        // Isolated bubblewrap needs the container's root (IsolatedBwrapPlanSpecs); without one it would be empty.
        new("An isolated bwrap manifest without a container root is refused")
        {
            Manifest = m => m with { Isolate = true, MountPoints = ["/home"] },
            ExpectedError = "tykky: an isolated installation names no container root 'tykky.json': rebuild it with wrap-container, or with 'isolate: no'",
        },

        // The installation image.
        new("A directory image (during a build) is bound at the installation path and the inner step mounts nothing")
        {
            Manifest = m => m with { Image = new ImageSpec { Path = "build/tree", Kind = ImageKind.Directory } },
            ExpectedArgv = Bwrap(
                [.. HostBinds, "--bind", "/home/user/env/build/tree", "/LOCAL_TYKKY", "--bind", "/home/user/env/_bin", "/home/user/env/bin"],
                ["--drop-caps", .. ExecPython("/home/user/env/bin/python")]),
        },
        new("An absolute image path is mounted as it is")
        {
            Manifest = m => m with { Image = new ImageSpec { Path = "/shared/images/app.sqfs" } },
            ExpectedArgv = Bwrap(
                [.. HostBinds, .. ImageAndBin()],
                ["--squashfuse", Squashfuse, "--mount", "/shared/images/app.sqfs", "0", "/LOCAL_TYKKY", "--drop-caps", .. ExecPython("/home/user/env/bin/python")]),
        },
        new("Without an image there is no mount point, no squashfuse and no mount")
        {
            Manifest = m => m with { Image = null },
            ExpectedArgv = Bwrap(
                [.. HostBinds, "--bind", "/home/user/env/_bin", "/home/user/env/bin"],
                ["--drop-caps", .. ExecPython("/home/user/env/bin/python")]),
        },
        new("An installation path inside a host bind gets no --dir (the host directory is the mount point)")
        {
            Manifest = m => m with { InstallationPath = "/usr/local/tykky" },
            ExpectedArgv = Bwrap(
                [.. HostBinds, "--bind", "/home/user/env/_bin", "/home/user/env/bin"],
                ["--squashfuse", Squashfuse, "--mount", "/home/user/env/img.sqfs", "0", "/usr/local/tykky", "--drop-caps", .. ExecPython("/home/user/env/bin/python")]),
        },
        new("A squashfs image without squashfuse in the manifest is an error")
        {
            Manifest = m => m with { Runtime = m.Runtime with { Squashfuse = null } },
            ExpectedError = "tykky: the manifest names no squashfuse for the bwrap runtime 'tykky.json': rebuild the installation on a host with squashfuse installed",
        },

        // Closed fds 0-2: /dev/null for bubblewrap and squashfuse, closed again for the program.
        new("Fds the caller had closed are closed by the inner step right before the program's exec")
        {
            Host = Launches.Host() with { ClosedStandardDescriptors = [0, 2] },
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), "--close-fds", "0,2", .. ExecPython("/home/user/env/bin/python")]),
        },

        // TMPDIR.
        // The host's /tmp is not bound at all: $TMPDIR replaces it (and apptainer would keep the first of the two).
        new("An existing TMPDIR outside every bind is bound at its path and at /tmp")
        {
            Environment = [.. CallerEnvironment, "TMPDIR=/local/job42"],
            Host = Launches.Host() with { ExistingPaths = new HashSet<string> { "/local/job42" } },
            ExpectedArgv = Bwrap(
                [.. HostBindsBut("/tmp"), "--bind", "/local/job42", "/local/job42", "--bind", "/local/job42", "/tmp", .. ImageAndBin()],
                [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
        },
        new("An existing TMPDIR inside a host bind is only bound at /tmp")
        {
            Environment = [.. CallerEnvironment, "TMPDIR=/home/user/tmp"],
            Host = Launches.Host() with { ExistingPaths = new HashSet<string> { "/home/user/tmp" } },
            ExpectedArgv = Bwrap(
                [.. HostBindsBut("/tmp"), "--bind", "/home/user/tmp", "/tmp", .. ImageAndBin()],
                [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
        },
        // Binding it over /tmp would hide TMPDIR itself inside.
        new("A TMPDIR below /tmp is not bound over /tmp")
        {
            Environment = [.. CallerEnvironment, "TMPDIR=/tmp/job42"],
            Host = Launches.Host() with { ExistingPaths = new HashSet<string> { "/tmp/job42" } },
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
        },
        new("A TMPDIR that does not exist is not bound, without a warning")
        {
            Environment = [.. CallerEnvironment, "TMPDIR=/local/gone"],
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
        },
        new("An empty TMPDIR is ignored")
        {
            Environment = [.. CallerEnvironment, "TMPDIR="],
            Host = Launches.Host() with { ExistingPaths = new HashSet<string> { "" } },
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
        },

        // CW_EXTRA_BIND_MOUNTS.
        new("CW_EXTRA_BIND_MOUNTS naming this installation's own image (exported for composition) is not mounted twice")
        {
            Environment = [.. CallerEnvironment, "CW_EXTRA_BIND_MOUNTS=/home/user/env/img.sqfs:/LOCAL_TYKKY:image-src=/"],
            Host = Launches.Host() with { ExistingPaths = new HashSet<string> { "/home/user/env/img.sqfs" } },
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
        },
        new("CW_EXTRA_BIND_MOUNTS with another image at this installation path is skipped too")
        {
            Environment = [.. CallerEnvironment, "CW_EXTRA_BIND_MOUNTS=/copies/img.sqfs:/LOCAL_TYKKY:image-src=/"],
            Host = Launches.Host() with { ExistingPaths = new HashSet<string> { "/copies/img.sqfs" } },
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
        },
        new("CW_EXTRA_BIND_MOUNTS with another installation's image mounts it after this one, on a directory bwrap makes")
        {
            Environment = [.. CallerEnvironment, "CW_EXTRA_BIND_MOUNTS=/home/user/other/img.sqfs:/LOCAL_TYKKY_K3X9:image-src=/,ro"],
            Host = Launches.Host() with { ExistingPaths = new HashSet<string> { "/home/user/other/img.sqfs" } },
            ExpectedArgv = Bwrap(
                [.. HostBinds, .. ImageAndBin(), "--dir", "/LOCAL_TYKKY_K3X9"],
                ["--squashfuse", Squashfuse, "--mount", "/home/user/env/img.sqfs", "0", "/LOCAL_TYKKY", "--mount", "/home/user/other/img.sqfs", "0", "/LOCAL_TYKKY_K3X9",
                 "--drop-caps", .. ExecPython("/home/user/env/bin/python")]),
        },
        new("CW_EXTRA_BIND_MOUNTS entries become binds in order: ro is read-only, a missing source is skipped with a warning")
        {
            Environment = [.. CallerEnvironment, "CW_EXTRA_BIND_MOUNTS=/data/ref:/ref:ro, /missing/x:/x ,/projects,/work:/w"],
            Host = Launches.Host() with { ExistingPaths = new HashSet<string> { "/data/ref", "/projects", "/work" } },
            ExpectedArgv = Bwrap(
                [.. HostBinds, .. ImageAndBin(), "--ro-bind", "/data/ref", "/ref", "--bind", "/projects", "/projects", "--bind", "/work", "/w"],
                [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
            ExpectedWarnings = ["tykky: warning: CW_EXTRA_BIND_MOUNTS entry '/missing/x:/x' skipped: '/missing/x' does not exist"],
        },

        // Stale runtime state and the manifest's environment.
        new("A stale APPTAINER_BIND alone is removed")
        {
            Environment = ["PATH=/usr/bin", "APPTAINER_BIND=/gone:/gone", "HOME=/home/user"],
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
            ExpectedEnvironment = ["PATH=/usr/bin", "HOME=/home/user"],
        },
        new("A stale SINGULARITY_BIND alone is removed")
        {
            Environment = ["SINGULARITY_BIND=/gone", "PATH=/usr/bin"],
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
            ExpectedEnvironment = ["PATH=/usr/bin"],
        },
        new("Every stale APPTAINER_ and SINGULARITY_ name, bind, command, container, environment and app name is removed; other variables keep their order")
        {
            Environment =
            [
                "A=1", "APPTAINER_NAME=c.sif", "APPTAINER_BIND=/x", "APPTAINER_BINDPATH=/x", "B=2", "APPTAINER_COMMAND=exec",
                "APPTAINER_CONTAINER=/c.sif", "APPTAINER_ENVIRONMENT=/.singularity.d/env/91-environment.sh", "APPTAINER_APPNAME=app",
                "APPTAINER_CACHEDIR=/cache", "SINGULARITY_NAME=c.sif", "SINGULARITY_BIND=/x", "SINGULARITY_BINDPATH=/x", "C=3",
                "SINGULARITY_COMMAND=run", "SINGULARITY_CONTAINER=/c.sif", "SINGULARITY_ENVIRONMENT=/e", "SINGULARITY_APPNAME=app",
                "SINGULARITYENV_FOO=bar", "D=4",
            ],
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
            ExpectedEnvironment = ["A=1", "B=2", "APPTAINER_CACHEDIR=/cache", "C=3", "SINGULARITYENV_FOO=bar", "D=4"],
        },
        new("Apptainer's /.singularity.d/libs is removed from LD_LIBRARY_PATH, the other directories stay in order")
        {
            Environment = ["LD_LIBRARY_PATH=/opt/a/lib:/.singularity.d/libs:/opt/b/lib", "PATH=/usr/bin"],
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
            ExpectedEnvironment = ["LD_LIBRARY_PATH=/opt/a/lib:/opt/b/lib", "PATH=/usr/bin"],
        },
        new("An LD_LIBRARY_PATH holding only /.singularity.d/libs is removed")
        {
            Environment = ["PATH=/usr/bin", "LD_LIBRARY_PATH=/.singularity.d/libs"],
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
            ExpectedEnvironment = ["PATH=/usr/bin"],
        },
        new("The manifest's set, prepend, append and unset apply in order, with $VAR and ${VAR} expanded and \\$ kept literal")
        {
            Manifest = m => m with
            {
                Environment =
                [
                    new() { Action = EnvironmentAction.Set, Name = "ENV_ROOT", Value = "/LOCAL_TYKKY/env" },
                    new() { Action = EnvironmentAction.Prepend, Name = "PATH", Value = "$ENV_ROOT/bin" },
                    new() { Action = EnvironmentAction.Append, Name = "MANPATH", Value = "${ENV_ROOT}/share/man" },
                    new() { Action = EnvironmentAction.Prepend, Name = "LD_LIBRARY_PATH", Value = "${ENV_ROOT}/lib" },
                    new() { Action = EnvironmentAction.Set, Name = "PRICE", Value = "\\$5 for $HOME$UNSET_NAME" },
                    new() { Action = EnvironmentAction.Unset, Name = "LANG" },
                    new() { Action = EnvironmentAction.Unset, Name = "NEVER_SET" },
                ],
            },
            Environment = ["PATH=/usr/bin:/bin", "LANG=C.UTF-8", "MANPATH=", "HOME=/home/user"],
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python")]),
            ExpectedEnvironment =
            [
                "PATH=/LOCAL_TYKKY/env/bin:/usr/bin:/bin", "MANPATH=/LOCAL_TYKKY/env/share/man", "HOME=/home/user",
                "ENV_ROOT=/LOCAL_TYKKY/env", "LD_LIBRARY_PATH=/LOCAL_TYKKY/env/lib", "PRICE=$5 for /home/user",
            ],
        },

        // Arguments and argv[0].
        new("Arguments with spaces, quotes, globs, dollars, empty strings, newlines and non-UTF-8 bytes pass unchanged and in order")
        {
            Call = Launches.Call("python", TrickyArguments),
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/env/bin/python", TrickyArguments)]),
        },
        new("argv[0] of the program is the path the wrapper was called by, e.g. a venv's bin/python")
        {
            Call = Launches.Call() with { InvokedAs = "/home/user/ve/bin/python" },
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), .. ExecPython("/home/user/ve/bin/python")]),
        },
        new("A wrapper whose program the manifest does not name is an error naming the wrapper")
        {
            Manifest = m => m with { Programs = new Dictionary<string, string> { ["pip"] = "/LOCAL_TYKKY/bin/pip" } },
            ExpectedError = "tykky: the manifest names no program for the wrapper '/home/user/env/bin/python': a link in bin/ that the builder did not write, or an incomplete installation; rebuild it",
        },

        // Debug wrappers.
        new("_debug_exec without a command is a usage error")
        {
            Call = Launches.Call("_debug_exec"),
            ExpectedError = "tykky: nothing to run '/home/user/env/bin/_debug_exec': usage: _debug_exec COMMAND [ARGUMENTS...]",
            ExpectedExitCode = ExitCode.Usage,
        },
        new("_debug_exec searches PATH inside for its first argument and passes the rest")
        {
            Call = Launches.Call("_debug_exec", "cmd", "a", ""),
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), "--exec-search", "1", "cmd", "a", ""]),
        },
        new("_debug_shell searches PATH inside for bash, then sh")
        {
            Call = Launches.Call("_debug_shell", "-c", "echo $0"),
            ExpectedArgv = Bwrap([.. HostBinds, .. ImageAndBin()], [.. MountOwnImage(), "--exec-search", "2", "bash", "sh", "-c", "echo $0"]),
        },

        // Already inside a container.
        new("Inside this installation's container the program is executed directly with the caller's environment untouched")
        {
            Host = Launches.Host() with { InstallationMount = MountState.Ours },
            Manifest = m => m with { Environment = [new() { Action = EnvironmentAction.Set, Name = "X", Value = "1" }] },
            Environment = ["PATH=/usr/bin", "APPTAINER_BIND=/x", "LD_LIBRARY_PATH=/.singularity.d/libs", "CW_EXTRA_BIND_MOUNTS=/missing", "TMPDIR=/local/t"],
            Call = Launches.Call("python", "-c", ""),
            ExpectedExec = ProgramInside,
            ExpectedArgv = ["/home/user/env/bin/python", "-c", ""],
        },
        new("Inside this installation's container _debug_shell searches for bash, then sh, directly")
        {
            Host = Launches.Host() with { InstallationMount = MountState.Ours },
            Call = Launches.Call("_debug_shell"),
            ExpectedExec = "search: bash sh",
            ExpectedArgv = [null],
        },
        new("Inside this installation's container _debug_exec runs its command directly")
        {
            Host = Launches.Host() with { InstallationMount = MountState.Ours },
            Call = Launches.Call("_debug_exec", "env", "-0"),
            ExpectedExec = "search: env",
            ExpectedArgv = [null, "-0"],
        },
        new("Inside this installation's container a program the manifest does not name is still an error")
        {
            Host = Launches.Host() with { InstallationMount = MountState.Ours },
            Manifest = m => m with { Programs = new Dictionary<string, string>() },
            ExpectedError = "tykky: the manifest names no program for the wrapper '/home/user/env/bin/python'",
        },
        new("Inside another installation's container at the same path the wrapper fails, naming both and composable")
        {
            Host = Launches.Host() with { InstallationMount = MountState.Other },
            ExpectedError = "tykky: another installation is mounted at this installation's path '/LOCAL_TYKKY': '/home/user/env' cannot run inside that container; rebuild one of the two with 'composable: true'",
        },

    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Plan_matches_the_row(Case row)
    {
        var context = row.Context();

        if (row.ExpectedError is { } error)
        {
            var failure = Assert.Throws<LaunchException>(() => ExecPlanner.Plan(context));
            Assert.Contains(error, failure.ToLine(), StringComparison.Ordinal);
            Assert.Equal(row.ExpectedExitCode, failure.ExitCode);
            return;
        }

        var plan = ExecPlanner.Plan(context);
        Assert.Equal(row.ExpectedExec ?? Launches.Bwrap, Render(plan.Launch.Target));
        Assert.Equal(row.ExpectedArgv!, new List<string?> { plan.Launch.Argv0 }.Concat(plan.Launch.Arguments));
        Assert.Equal(row.ExpectedEnvironment ?? row.Environment, plan.Environment);
        Assert.Equal(row.ExpectedWarnings, plan.Warnings);
    }

    [Fact]
    public void The_runtime_keeps_the_dev_null_of_closed_fds_and_a_direct_exec_closes_them()
    {
        var host = Launches.Host() with { ClosedStandardDescriptors = [1] };

        var throughBwrap = ExecPlanner.Plan(Launches.Context(host: host));
        var inside = ExecPlanner.Plan(Launches.Context(host: host with { InstallationMount = MountState.Ours }));

        Assert.Empty(throughBwrap.Launch.DescriptorsToClose);
        Assert.Equal(ArgumentTransport.BwrapArgumentFiles, throughBwrap.Launch.Transport);
        Assert.Equal([1], inside.Launch.DescriptorsToClose);
        Assert.Equal(ArgumentTransport.Argv, inside.Launch.Transport);
    }

    [Fact]
    public void A_prefix_below_tmp_stays_visible_when_TMPDIR_is_bound_over_tmp()
    {
        // Arrange
        const string prefix = "/tmp/tykky-ci/env";
        var context = Launches.Context(
            environment: [.. CallerEnvironment, "TMPDIR=/local/job42"],
            host: Launches.Host() with { ExistingPaths = new HashSet<string> { "/local/job42" } },
            call: CallIn(prefix));

        // Act
        var mounts = BindPlanner.Plan(context).Mounts;

        // Assert: the last mount over the launcher shows the host's file; the last over bin/ is _bin.
        var launcher = Assert.IsType<BindMount>(mounts.Last(m => PathText.IsAtOrBelow($"{prefix}/tykky-launcher", m.Destination)));
        Assert.Equal(launcher.Destination, launcher.Source);
        var bin = mounts.Last(m => PathText.IsAtOrBelow($"{prefix}/bin/python", m.Destination));
        Assert.Equal(new BindMount($"{prefix}/_bin", $"{prefix}/bin"), bin);
    }

    [Fact]
    public void A_generation_binds_its_own_bin_directories_and_the_whole_stable_prefix()
    {
        // Arrange: an isolated launch (nothing else binds the prefix) of generation 3 of /proj/env
        const string generation = "/proj/env/generations/3";
        var context = Launches.Context(
            manifest: Launches.Manifest() with { Isolate = true, MountPoints = [] },
            call: CallIn(generation) with { StablePrefix = "/proj/env" });

        // Act
        var mounts = BindPlanner.Plan(context).Mounts;

        // Assert: links such as /proj/env/bin -> current/bin resolve inside; bin/ is the generation's real directory
        Assert.Contains(new BindMount("/proj/env", "/proj/env"), mounts);
        Assert.DoesNotContain(new BindMount(generation, generation), mounts);
        Assert.Contains(new ImageMount($"{generation}/img.sqfs", "/LOCAL_TYKKY"), mounts);
        Assert.Equal(new BindMount($"{generation}/_bin", $"{generation}/bin"), mounts.Last(m => PathText.IsAtOrBelow($"{generation}/bin/python", m.Destination)));
    }

    [Fact]
    public void The_own_image_exported_by_its_stable_path_is_not_mounted_twice()
    {
        // Arrange
        var context = Launches.Context(
            environment: [.. CallerEnvironment, "CW_EXTRA_BIND_MOUNTS=/proj/env/img.sqfs:/OTHER:image-src=/"],
            host: Launches.Host() with { ExistingPaths = new HashSet<string> { "/proj/env/img.sqfs" } },
            call: CallIn("/proj/env/generations/3") with { StablePrefix = "/proj/env" });

        // Act
        var mounts = BindPlanner.Plan(context).Mounts;

        // Assert
        Assert.DoesNotContain(mounts, m => m.Destination == "/OTHER");
    }

    private static readonly string[] TrickyArguments =
    [
        "two words", "it's \"quoted\"", "*", "$x", "", "line1\nline2", "  ", "--", "--tykky-inner", "--exec-path",
        PosixText.Decode([0x66, 0xFF, 0xFE, 0x80]), PosixText.Decode([0xC3, 0x28]), "ünïcødé 😀", "",
    ];

    private static string Render(ExecTarget target) => target switch
    {
        ProgramPath path => path.Path,
        CommandSearch search => "search: " + string.Join(' ', search.Candidates),
        _ => throw new InvalidOperationException(target.GetType().Name),
    };
}
