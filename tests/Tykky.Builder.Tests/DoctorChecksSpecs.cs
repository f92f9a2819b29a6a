using Tykky.Builder.Config;
using Tykky.Builder.Inspection;

namespace Tykky.Builder.Tests;

/// <summary>tykky doctor's verdicts from the facts: which checks are needed for the runtime builds would use, and the fixes.</summary>
public class DoctorChecksSpecs
{
    /// <summary>A host where everything for bubblewrap works and apptainer is absent.</summary>
    private static readonly DoctorFacts Healthy = new()
    {
        SiteConfig = "/tool/configs/default.yaml",
        Bwrap = new FoundTool("/usr/bin/bwrap", "bubblewrap 0.8.0"),
        Squashfuse = "/usr/bin/squashfuse",
        Mksquashfs = "/usr/bin/mksquashfs",
        Unsquashfs = new FoundTool("/usr/bin/unsquashfs", "4.5.1"),
        UserNamespaces = new UserNamespaceFacts(null, "1", "15000", null),
        Fuse = new FuseFacts(true, true, "0666", true),
        LoopControl = true,
        User = "alice",
    };

    private static readonly FoundTool RealApptainer = new("/usr/bin/apptainer", "apptainer version 1.1.9");

    /// <summary>A host, and the verdict expected for the named check.</summary>
    public sealed record Case(string Name, DoctorFacts Facts, string Check, CheckStatus Status, string Detail, string? Fix, bool Healthy)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases() =>
    [
        new("everything for bubblewrap", Healthy, "bwrap", CheckStatus.Ok, "/usr/bin/bwrap (bubblewrap 0.8.0)", null, true),
        new("no apptainer is fine for bubblewrap", Healthy, "apptainer", CheckStatus.Skipped, "not found; builds use the bwrap runtime", null, true),
        new("no bwrap and no apptainer", Healthy with { Bwrap = null }, "bwrap", CheckStatus.Failed, "bubblewrap not found on PATH",
            "install bubblewrap (Debian/Ubuntu: apt install bubblewrap; RHEL: dnf install bubblewrap)", false),
        new("user namespaces cannot be tried without bwrap", Healthy with { Bwrap = null, UserNamespaces = new UserNamespaceFacts("", "1", "15000", null) },
            "user namespaces", CheckStatus.Failed, "not tried: bwrap is missing", "install bubblewrap first", false),
        new("user namespaces refused by a Debian kernel setting", Healthy with { UserNamespaces = new UserNamespaceFacts("bwrap: No permissions to creating new namespace", "0", "15000", null) },
            "user namespaces", CheckStatus.Failed, "bwrap --unshare-user fails for alice: bwrap: No permissions to creating new namespace (kernel.unprivileged_userns_clone = 0)",
            "as root: sysctl -w kernel.unprivileged_userns_clone=1 (and in /etc/sysctl.d to keep it)", false),
        new("user namespaces refused by AppArmor", Healthy with { UserNamespaces = new UserNamespaceFacts("bwrap: setting up uid map: Permission denied", null, "15000", "1") },
            "user namespaces", CheckStatus.Failed, "bwrap --unshare-user fails for alice: bwrap: setting up uid map: Permission denied (kernel.apparmor_restrict_unprivileged_userns = 1)",
            "as root: give /usr/bin/bwrap an AppArmor profile allowing userns, or sysctl -w kernel.apparmor_restrict_unprivileged_userns=0", false),
        // root always gets a user namespace; the kernel setting still stops everyone else
        new("root is told when other users cannot", Healthy with { IsRoot = true, User = "root", UserNamespaces = new UserNamespaceFacts(null, null, "0", null) },
            "user namespaces", CheckStatus.Warning, "work for root, but unprivileged users cannot create them (user.max_user_namespaces = 0)",
            "as root: sysctl -w user.max_user_namespaces=15000 (and in /etc/sysctl.d to keep it)", true),
        new("/dev/fuse closed to the user", Healthy with { Fuse = new FuseFacts(true, false, "0600", false) }, "/dev/fuse", CheckStatus.Failed,
            "not readable and writable by alice (mode 0600)", "as root: chmod 0666 /dev/fuse (what distributions ship; a udev rule keeps it)", false),
        new("/dev/fuse usable by root only", Healthy with { IsRoot = true, User = "root", Fuse = new FuseFacts(true, true, "0600", false) }, "/dev/fuse", CheckStatus.Warning,
            "usable by root, but mode 0600 keeps other users out", "as root: chmod 0666 /dev/fuse (what distributions ship; a udev rule keeps it)", true),
        new("no /dev/fuse", Healthy with { Fuse = new FuseFacts(false, false, "", false) }, "/dev/fuse", CheckStatus.Failed,
            "missing: FUSE is not available", "as root: modprobe fuse; in a container, pass /dev/fuse in", false),
        new("no squashfuse", Healthy with { Squashfuse = null }, "squashfuse", CheckStatus.Failed,
            "not found on PATH; it mounts images for the bwrap runtime", "install squashfuse (Debian/Ubuntu: apt install squashfuse)", false),
        new("no mksquashfs, whatever the runtime", Healthy with { Mksquashfs = null, Apptainer = RealApptainer }, "mksquashfs", CheckStatus.Failed,
            "not found on PATH; it makes every image", "install squashfs-tools (Debian/Ubuntu: apt install squashfs-tools)", false),
        new("an unsquashfs too old for SIF offsets", Healthy with { Unsquashfs = new FoundTool("/usr/bin/unsquashfs", "4.3") }, "unsquashfs", CheckStatus.Warning,
            "/usr/bin/unsquashfs is version 4.3: it cannot read SIF files (-o needs 4.4)", "install squashfs-tools 4.4 or later, or wrap squashfs images and sandbox directories only", true),
        new("auto takes a real apptainer", Healthy with { Apptainer = RealApptainer, Bwrap = null, Squashfuse = null }, "apptainer", CheckStatus.Ok,
            "/usr/bin/apptainer (apptainer version 1.1.9)", null, true),
        new("with apptainer, squashfuse is not needed", Healthy with { Apptainer = RealApptainer, Squashfuse = null }, "squashfuse", CheckStatus.Skipped,
            "not found; not needed here (it mounts images for the bwrap runtime)", null, true),
        // the builder takes the first apptainer found and then refuses it: so does doctor
        new("auto with a fake apptainer fails", Healthy with { Apptainer = new FoundTool("/opt/bin/apptainer", null, "'/opt/bin/apptainer' is not apptainer or singularity") },
            "apptainer", CheckStatus.Failed, "'/opt/bin/apptainer' is not apptainer or singularity", "set singularity_executable_path to the real apptainer or singularity", false),
        new("runtime apptainer configured but missing", Healthy with { Runtime = RuntimeChoice.Apptainer }, "apptainer", CheckStatus.Failed,
            "neither apptainer nor singularity found (singularity_executable_path, PATH)", "install apptainer, or set singularity_executable_path, or set 'runtime: bwrap'", false),
        new("runtime bwrap configured: apptainer is not used", Healthy with { Runtime = RuntimeChoice.Bwrap, Apptainer = RealApptainer }, "apptainer", CheckStatus.Skipped,
            "/usr/bin/apptainer (apptainer version 1.1.9); not used: runtime is bwrap", null, true),
        new("apptainer without loop devices", Healthy with { Apptainer = RealApptainer, LoopControl = false }, "loop devices", CheckStatus.Warning,
            "/dev/loop-control is missing: apptainer's setuid mode cannot attach images", "as root: modprobe loop; or run apptainer in --userns mode (which uses squashfuse)", true),
        new("a broken site config", Healthy with { SiteConfigError = "line 3: bad indentation" }, "site config", CheckStatus.Failed,
            "/tool/configs/default.yaml: line 3: bad indentation", "correct the file, or point CW_GLOBAL_YAML at a valid site config", false),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_check_gets_its_verdict_and_fix(Case row)
    {
        // Act
        var report = DoctorChecks.Evaluate(row.Facts);

        // Assert
        var check = Assert.Single(report.Checks, c => c.Name == row.Check);
        Assert.Equal(new DoctorCheck(row.Check, row.Status, row.Detail, row.Fix), check);
        Assert.Equal(row.Healthy, report.Healthy);
    }

    [Theory]
    [InlineData(false, "bwrap")]
    [InlineData(true, "apptainer")]
    public void The_report_names_the_runtime_builds_would_use(bool withApptainer, string runtime)
    {
        var report = DoctorChecks.Evaluate(Healthy with { Apptainer = withApptainer ? RealApptainer : null });

        Assert.Equal(runtime, report.Runtime);
    }

    [Fact]
    public void Every_check_is_reported_in_a_fixed_order()
    {
        var report = DoctorChecks.Evaluate(Healthy);

        Assert.Equal(["site config", "apptainer", "bwrap", "user namespaces", "/dev/fuse", "squashfuse", "mksquashfs", "unsquashfs", "loop devices", "installations", "leftovers", "shared mount"], report.Checks.Select(c => c.Name));
    }

    [Fact]
    public void An_installation_whose_image_its_runtime_cannot_mount_fails_the_installations_check()
    {
        var report = DoctorChecks.Evaluate(Healthy with { InstallationsSeen = 2, UnmountableInstallations = ["old (/p/old): /p/old/img.sqfs is zstd-compressed, which its runtime apptainer 1.1.9 cannot mount"] });

        var check = Assert.Single(report.Checks, c => c.Name == "installations");
        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.Contains("/p/old/img.sqfs is zstd-compressed", check.Detail);
        Assert.False(report.Healthy);
    }

    [Theory]
    [InlineData(0, CheckStatus.Skipped)]
    [InlineData(3, CheckStatus.Ok)]
    public void Installations_their_runtimes_mount_pass(int seen, CheckStatus expected)
    {
        var report = DoctorChecks.Evaluate(Healthy with { InstallationsSeen = seen });

        Assert.Equal(expected, Assert.Single(report.Checks, c => c.Name == "installations").Status);
        Assert.True(report.Healthy);
    }

    [Fact]
    public void Leftovers_of_dead_builds_are_a_warning_with_the_command_that_removes_them()
    {
        var facts = Healthy with
        {
            Leftovers = [new Deploy.Leftover("/tmp/b/cw-login1-42-7-Ab3dE9", new Deploy.BuildOwner(42, "login1", 7), "build directory of process 42 on host login1, which is gone", Removable: true)],
        };

        var check = DoctorChecks.Evaluate(facts).Checks.Single(c => c.Name == "leftovers");

        Assert.Equal(CheckStatus.Warning, check.Status);
        Assert.Equal("/tmp/b/cw-login1-42-7-Ab3dE9 (build directory of process 42 on host login1, which is gone, removed by the next build there)", check.Detail);
        Assert.Equal("rm -rf '/tmp/b/cw-login1-42-7-Ab3dE9'", check.Fix);
        Assert.True(DoctorChecks.Evaluate(facts).Healthy);
    }
}
