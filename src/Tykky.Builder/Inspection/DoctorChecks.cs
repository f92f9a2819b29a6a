using Tykky.Builder.Config;

namespace Tykky.Builder.Inspection;

/// <summary>
/// Decides <c>tykky doctor</c>'s verdicts from the facts. Pure. What is needed depends on the runtime
/// builds would use: the configured one, or for <c>auto</c> apptainer/singularity when found (as the
/// builder decides), else bubblewrap. A needed check that fails is "failed"; one that is not needed
/// is at most a warning.
/// </summary>
public static class DoctorChecks
{
    /// <summary>squashfs-tools gained unsquashfs -o (offset), which reading SIF files needs, in 4.4.</summary>
    private static readonly Version OffsetVersion = new(4, 4);

    /// <summary>The report for <paramref name="facts"/>.</summary>
    public static DoctorReport Evaluate(DoctorFacts facts)
    {
        var usesApptainer = facts.Runtime switch
        {
            RuntimeChoice.Apptainer or RuntimeChoice.Singularity => true,
            RuntimeChoice.Bwrap => false,
            RuntimeChoice.Auto => facts.Apptainer is not null,
        };
        DoctorCheck[] checks =
        [
            SiteConfig(facts),
            Apptainer(facts.Apptainer, needed: usesApptainer),
            Bwrap(facts.Bwrap, needed: !usesApptainer),
            UserNamespaces(facts, needed: !usesApptainer),
            Fuse(facts, needed: !usesApptainer),
            Required("squashfuse", facts.Squashfuse, needed: !usesApptainer, "squashfuse", "mounts images for the bwrap runtime"),
            Required("mksquashfs", facts.Mksquashfs, needed: true, "squashfs-tools", "makes every image"),
            Unsquashfs(facts.Unsquashfs),
            LoopDevices(facts.LoopControl, needed: usesApptainer),
            Installations(facts),
            Leftovers(facts),
            Keepers(facts, used: !usesApptainer),
        ];
        var flavor = Runtime.RuntimeResolver.FlavorOf(facts.Apptainer?.Version ?? "")?.Kind.ToString().ToLowerInvariant();
        var runtime = usesApptainer ? flavor ?? facts.Runtime.ToString().ToLowerInvariant() : "bwrap";
        return new DoctorReport(runtime, checks.All(c => c.Status != CheckStatus.Failed), checks);
    }

    /// <summary>Never a failure: leftovers take space, they do not stop builds (the next build removes those of dead builds).</summary>
    private static DoctorCheck Leftovers(DoctorFacts facts) => facts.Leftovers switch
    {
        [] => new("leftovers", CheckStatus.Ok, $"no leftovers of dead builds in {facts.BuildBase ?? "the build directory base"} or the installations on TYKKY_PATH"),
        var found => new("leftovers", CheckStatus.Warning,
            string.Join("; ", found.Select(l => $"{l.Path} ({l.Why}{(l.Removable ? ", removed by the next build there" : "")})")),
            string.Join(" && ", found.Select(l => l.RemoveCommand))),
    };

    /// <summary>The user's keepers (bubblewrap shared mount), for the record: a keeper is never wrong, at most idle.</summary>
    private static DoctorCheck Keepers(DoctorFacts facts, bool used)
    {
        var running = facts.Keepers.Where(k => k.Running).Select(k => $"pid {k.Pid} ({k.Prefix})").ToArray();
        var ended = facts.Keepers.Count(k => !k.Running);
        var detail = (running.Length == 0 ? "none running" : $"{running.Length} running: {string.Join(", ", running)}") + $" in {facts.KeeperDirectory}"
            + (ended == 0 ? "" : $"; {ended} record(s) of ended keepers, removed when the next keeper starts (or: rm {facts.KeeperDirectory}/*.keeper)");
        return new("shared mount", used ? CheckStatus.Ok : CheckStatus.Skipped, detail);
    }

    private static CheckStatus Broken(bool needed) => needed ? CheckStatus.Failed : CheckStatus.Warning;

    private static DoctorCheck SiteConfig(DoctorFacts facts) => facts.SiteConfigError is { } error
        ? new("site config", CheckStatus.Failed, $"{facts.SiteConfig}: {error}", "correct the file, or point CW_GLOBAL_YAML at a valid site config")
        : new("site config", CheckStatus.Ok, $"{facts.SiteConfig} (runtime: {facts.Runtime.ToString().ToLowerInvariant()})");

    private static DoctorCheck Apptainer(FoundTool? apptainer, bool needed) => apptainer switch
    {
        null when needed => new("apptainer", CheckStatus.Failed, "neither apptainer nor singularity found (singularity_executable_path, PATH)",
            "install apptainer, or set singularity_executable_path, or set 'runtime: bwrap'"),
        null => new("apptainer", CheckStatus.Skipped, "not found; builds use the bwrap runtime"),
        { Error: { } error } => new("apptainer", Broken(needed), error, "set singularity_executable_path to the real apptainer or singularity"),
        _ => new("apptainer", needed ? CheckStatus.Ok : CheckStatus.Skipped, $"{apptainer.Path} ({apptainer.Version}){(needed ? "" : "; not used: runtime is bwrap")}"),
    };

    private static DoctorCheck Bwrap(FoundTool? bwrap, bool needed) => bwrap switch
    {
        null when needed => new("bwrap", CheckStatus.Failed, "bubblewrap not found on PATH", "install bubblewrap (Debian/Ubuntu: apt install bubblewrap; RHEL: dnf install bubblewrap)"),
        null => new("bwrap", CheckStatus.Skipped, "not found; not needed, builds use apptainer"),
        { Error: { } error } => new("bwrap", Broken(needed), error, "reinstall bubblewrap"),
        _ => new("bwrap", CheckStatus.Ok, $"{bwrap.Path} ({bwrap.Version})"),
    };

    private static DoctorCheck UserNamespaces(DoctorFacts facts, bool needed)
    {
        var userns = facts.UserNamespaces;
        var kernelRefuses = KernelRefusal(userns);
        return userns.ProbeError switch
        {
            "" => new("user namespaces", needed ? CheckStatus.Failed : CheckStatus.Skipped, "not tried: bwrap is missing", needed ? "install bubblewrap first" : null),
            null when facts.IsRoot && kernelRefuses is not null => new("user namespaces", CheckStatus.Warning,
                $"work for root, but unprivileged users cannot create them ({kernelRefuses.Value.Setting})", kernelRefuses.Value.Fix),
            null => new("user namespaces", CheckStatus.Ok, $"bwrap --unshare-user works for {facts.User}"),
            var error => new("user namespaces", Broken(needed), $"bwrap --unshare-user fails for {facts.User}: {error}{(kernelRefuses is { } refusal ? $" ({refusal.Setting})" : "")}",
                kernelRefuses?.Fix ?? "ask the administrators to allow unprivileged user namespaces, or use apptainer"),
        };
    }

    /// <summary>The kernel setting that forbids unprivileged user namespaces, and its fix; null when none does.</summary>
    private static (string Setting, string Fix)? KernelRefusal(UserNamespaceFacts userns) =>
        userns.UnprivilegedClone == "0" ? ("kernel.unprivileged_userns_clone = 0", "as root: sysctl -w kernel.unprivileged_userns_clone=1 (and in /etc/sysctl.d to keep it)")
        : userns.MaxUserNamespaces == "0" ? ("user.max_user_namespaces = 0", "as root: sysctl -w user.max_user_namespaces=15000 (and in /etc/sysctl.d to keep it)")
        : userns.AppArmorRestricts == "1" ? ("kernel.apparmor_restrict_unprivileged_userns = 1", "as root: give /usr/bin/bwrap an AppArmor profile allowing userns, or sysctl -w kernel.apparmor_restrict_unprivileged_userns=0")
        : null;

    private static DoctorCheck Fuse(DoctorFacts facts, bool needed)
    {
        var fuse = facts.Fuse;
        const string chmod = "as root: chmod 0666 /dev/fuse (what distributions ship; a udev rule keeps it)";
        return fuse switch
        {
            { Exists: false } => new("/dev/fuse", Broken(needed), "missing: FUSE is not available", "as root: modprobe fuse; in a container, pass /dev/fuse in"),
            { Usable: false } => new("/dev/fuse", Broken(needed), $"not readable and writable by {facts.User} (mode {fuse.Mode})", chmod),
            { OthersUsable: false } => new("/dev/fuse", CheckStatus.Warning, $"usable by {facts.User}, but mode {fuse.Mode} keeps other users out", chmod),
            _ => new("/dev/fuse", CheckStatus.Ok, $"usable by {facts.User} (mode {fuse.Mode})"),
        };
    }

    private static DoctorCheck Required(string name, string? path, bool needed, string package, string purpose) => path switch
    {
        null when needed => new(name, CheckStatus.Failed, $"not found on PATH; it {purpose}", $"install {package} (Debian/Ubuntu: apt install {package})"),
        null => new(name, CheckStatus.Skipped, $"not found; not needed here (it {purpose})"),
        _ => new(name, CheckStatus.Ok, path),
    };

    private static DoctorCheck Unsquashfs(FoundTool? unsquashfs)
    {
        if (unsquashfs is null)
        {
            return Required("unsquashfs", null, needed: true, "squashfs-tools", "reads containers for wrap-container and images for tykky info");
        }
        var version = Version.TryParse(unsquashfs.Version, out var parsed) ? parsed : null;
        return version is not null && version < OffsetVersion
            ? new("unsquashfs", CheckStatus.Warning, $"{unsquashfs.Path} is version {unsquashfs.Version}: it cannot read SIF files (-o needs 4.4)", "install squashfs-tools 4.4 or later, or wrap squashfs images and sandbox directories only")
            : new("unsquashfs", CheckStatus.Ok, $"{unsquashfs.Path} ({unsquashfs.Version ?? "version unknown"})");
    }

    private static DoctorCheck LoopDevices(bool loopControl, bool needed) => (loopControl, needed) switch
    {
        (true, _) => new("loop devices", needed ? CheckStatus.Ok : CheckStatus.Skipped, $"/dev/loop-control exists{(needed ? "" : "; not needed by the bwrap runtime")}"),
        (false, true) => new("loop devices", CheckStatus.Warning, "/dev/loop-control is missing: apptainer's setuid mode cannot attach images",
            "as root: modprobe loop; or run apptainer in --userns mode (which uses squashfuse)"),
        (false, false) => new("loop devices", CheckStatus.Skipped, "/dev/loop-control is missing; not needed by the bwrap runtime"),
    };

    private static DoctorCheck Installations(DoctorFacts facts) => (facts.InstallationsSeen, facts.UnmountableInstallations) switch
    {
        (0, _) => new("installations", CheckStatus.Skipped, "none on TYKKY_PATH"),
        (var seen, []) => new("installations", CheckStatus.Ok, $"{seen} on TYKKY_PATH; their runtimes can mount their images"),
        (_, var broken) => new("installations", CheckStatus.Failed, string.Join("; ", broken), "rebuild each of them with this Tykky (it picks a compressor the runtime mounts)"),
    };

    /// <summary>Permission bits as four octal digits.</summary>
    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0xFFF, 8).PadLeft(4, '0');
}
