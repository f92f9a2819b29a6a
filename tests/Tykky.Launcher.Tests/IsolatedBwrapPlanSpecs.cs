using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Planning;
using Tykky.Launcher.Tests.Fixtures;

namespace Tykky.Launcher.Tests;

/// <summary>
/// Isolated installations under bubblewrap: the root is the container's. A directory container needs
/// one sandbox; a SIF or squashfs root (or an image of the installation) needs a first sandbox that
/// mounts them with squashfuse under /.tykky and execs the second, isolated one.
/// </summary>
public sealed class IsolatedBwrapPlanSpecs
{
    private const string Prefix = "/home/user/wrapped";
    private const string Launcher = Prefix + "/tykky-launcher";
    private static readonly string[] Namespaces = ["--unshare-user", "--unshare-pid", "--die-with-parent"];
    private static readonly string[] SystemMounts = ["--dev-bind", "/dev", "/dev", "--proc", "/proc", "--ro-bind", "/sys", "/sys"];
    private static readonly RootEntry[] BusyboxRoot = [new("bin", null), new("dev", null), new("etc", null), new("opt", null), new("proc", null), new("tmp", null), new("usr", null)];

    private static LaunchContext Wrapped(ContainerSpec container, ImageSpec? image = null, string? venvBin = null, string[]? environment = null) =>
        Launches.Context(
            Launches.Manifest() with
            {
                Isolate = true,
                MountPoints = ["/scratch", "/gone"],
                Container = container,
                Image = image,
                Programs = new Dictionary<string, string> { ["hello"] = "/opt/tools/bin/hello" },
            },
            environment ?? ["PATH=/home/user/bin:/usr/bin", "HOME=/home/user"],
            Launches.Host(Launches.Dirs("/dev", "/home", "/proc", "/scratch", "/sys", "/usr").Append(Launches.Link("/bin", "usr/bin")).ToArray()) with
            {
                ExistingPaths = new HashSet<string> { "/scratch" },
                VenvBinDirectory = venvBin,
            },
            Launches.CallIn(Prefix, "hello", "a b", ""));

    [Fact]
    public void A_directory_container_is_the_root_of_one_sandbox_without_capabilities()
    {
        // Act
        var plan = ExecPlanner.Plan(Wrapped(new ContainerSpec { Path = "/images/busybox", Kind = ContainerKind.Directory, RootEntries = BusyboxRoot }));

        // Assert
        Assert.Equal(
        [
            Launches.Bwrap, .. Namespaces, "--cap-drop", "ALL", .. SystemMounts,
            "--ro-bind", "/images/busybox/bin", "/bin", "--ro-bind", "/images/busybox/etc", "/etc", "--ro-bind", "/images/busybox/opt", "/opt",
            "--ro-bind", "/images/busybox/usr", "/usr",
            // the container's own /tmp is not bound: the fresh tmpfs would hide it anyway
            "--tmpfs", "/tmp",
            "--bind", "/scratch", "/scratch", "--bind", Prefix, Prefix, "--bind", $"{Prefix}/_bin", $"{Prefix}/bin",
            "--", Launcher, "--tykky-inner", "--exec-path", "/opt/tools/bin/hello", $"{Prefix}/bin/hello", "a b", "",
        ], Argv(plan));
        Assert.Contains($"PATH={EnvironmentNames.StandardPath}", plan.Environment);
    }

    [Fact]
    public void A_SIF_root_is_mounted_at_its_partition_offset_by_a_first_sandbox_that_starts_the_isolated_one()
    {
        // Arrange
        var container = new ContainerSpec { Path = "container.sif", Kind = ContainerKind.Sif, Offset = 36864, RootEntries = [new("bin", "usr/bin"), new("usr", null)], DefaultPath = "/usr/bin:/bin" };

        // Act
        var plan = ExecPlanner.Plan(Wrapped(container));

        // Assert: the first sandbox shows the host and mounts the root; the second binds from it
        Assert.Equal(
        [
            Launches.Bwrap, .. Namespaces, "--cap-drop", "ALL", "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP", .. SystemMounts,
            "--bind", "/home", "/home", "--bind", "/scratch", "/scratch", "--bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--dir", "/.tykky/root",
            "--", Launcher, "--tykky-inner", "--squashfuse", Launches.Squashfuse, "--mount", $"{Prefix}/container.sif", "36864", "/.tykky/root", "--drop-caps",
            "--exec-bwrap", Launches.Bwrap, Launches.Bwrap,
            "--unshare-user", "--die-with-parent", "--cap-drop", "ALL", "--dev-bind", "/dev", "/dev", "--bind", "/proc", "/proc", "--ro-bind", "/sys", "/sys",
            "--symlink", "usr/bin", "/bin", "--ro-bind", "/.tykky/root/usr", "/usr", "--tmpfs", "/tmp",
            "--bind", "/scratch", "/scratch", "--bind", Prefix, Prefix, "--bind", $"{Prefix}/_bin", $"{Prefix}/bin",
            "--", Launcher, "--tykky-inner", "--exec-path", "/opt/tools/bin/hello", $"{Prefix}/bin/hello", "a b", "",
        ], Argv(plan));
        Assert.Contains("PATH=/usr/bin:/bin", plan.Environment);
    }

    [Fact]
    public void As_root_the_first_sandbox_keeps_its_capabilities_and_the_second_needs_no_user_namespace()
    {
        var container = new ContainerSpec { Path = "container.sif", Kind = ContainerKind.Sif, Offset = 36864, RootEntries = [new("usr", null)] };
        var context = Wrapped(container);

        var argv = string.Join(' ', Argv(ExecPlanner.Plan(context with { Host = context.Host with { RunsAsRoot = true } })));

        Assert.Contains("/.tykky/root --exec-bwrap /usr/bin/bwrap /usr/bin/bwrap --die-with-parent --cap-drop ALL --dev-bind /dev /dev --bind /proc /proc", argv);
        Assert.DoesNotContain("--drop-caps", argv);
    }

    [Fact]
    public void Root_without_capabilities_gets_an_error_instead_of_bubblewraps_uid_map_failure()
    {
        var context = Wrapped(new ContainerSpec { Path = "/images/busybox", Kind = ContainerKind.Directory, RootEntries = BusyboxRoot });

        var failure = Assert.Throws<Diagnostics.LaunchException>(() => ExecPlanner.Plan(context with { Host = context.Host with { RunsAsRoot = true, RootWithoutCapabilities = true } }));

        Assert.Equal("tykky: bubblewrap cannot start as root without capabilities (inside another sandbox) '/usr/bin/bwrap': run '/home/user/wrapped/bin/hello' from outside, "
            + "as a normal user, or mount this installation's image in the other one with CW_EXTRA_BIND_MOUNTS", failure.ToLine());
    }

    [Fact]
    public void The_installation_image_of_an_isolated_installation_is_mounted_first_and_bound_read_only()
    {
        var container = new ContainerSpec { Path = "root.sqfs", Kind = ContainerKind.Squashfs, RootEntries = [new("usr", null)] };

        var argv = Argv(ExecPlanner.Plan(Wrapped(container, new ImageSpec { Path = "img.sqfs" })));

        Assert.Equal(["--mount", $"{Prefix}/root.sqfs", "0", "/.tykky/root", "--mount", $"{Prefix}/img.sqfs", "0", "/.tykky/image-1"],
            argv.SkipWhile(a => a != "--mount").Take(8));
        var second = string.Join(' ', argv.SkipWhile(a => a != "--exec-bwrap"));
        Assert.Contains("--ro-bind /.tykky/image-1 /LOCAL_TYKKY --bind /home/user/wrapped/_bin /home/user/wrapped/bin", second);
        Assert.DoesNotContain("--dir", second);
    }

    [Fact]
    public void A_venv_made_on_a_wrapped_python_keeps_its_bin_first_in_the_isolated_PATH()
    {
        var container = new ContainerSpec { Path = "/images/py", Kind = ContainerKind.Directory, RootEntries = [new("usr", null)], DefaultPath = "/usr/local/bin:/usr/bin" };

        var plan = ExecPlanner.Plan(Wrapped(container, venvBin: "/home/user/ve/bin"));

        Assert.Contains("PATH=/home/user/ve/bin:/usr/local/bin:/usr/bin", plan.Environment);
    }

    private static IReadOnlyList<string> Argv(ExecPlan plan) => [plan.Launch.Argv0!, .. plan.Launch.Arguments];
}
