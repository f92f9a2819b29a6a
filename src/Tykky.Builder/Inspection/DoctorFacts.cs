using Tykky.Builder.Config;

namespace Tykky.Builder.Inspection;

/// <summary>A program found on the host: where, which version, or why it is not usable.</summary>
/// <param name="Path">Absolute path.</param>
/// <param name="Version">Its version output, when it answered.</param>
/// <param name="Error">Why it cannot be used (not a real apptainer, does not run), or null.</param>
public sealed record FoundTool(string Path, string? Version, string? Error = null);

/// <summary>Whether user namespaces work: bubblewrap's own try, and the kernel settings that explain a failure.</summary>
/// <param name="ProbeError">null when <c>bwrap --unshare-user</c> ran <c>true</c>; its error otherwise; "" when it could not be tried.</param>
/// <param name="UnprivilegedClone">kernel.unprivileged_userns_clone (Debian kernels), null when absent.</param>
/// <param name="MaxUserNamespaces">user.max_user_namespaces, null when absent.</param>
/// <param name="AppArmorRestricts">kernel.apparmor_restrict_unprivileged_userns (Ubuntu 23.10+), null when absent.</param>
public sealed record UserNamespaceFacts(string? ProbeError, string? UnprivilegedClone, string? MaxUserNamespaces, string? AppArmorRestricts);

/// <summary>/dev/fuse for the user running the check.</summary>
/// <param name="Exists">The device exists.</param>
/// <param name="Usable">The user may open it for reading and writing.</param>
/// <param name="Mode">Its permission bits, e.g. "0666".</param>
/// <param name="OthersUsable">Every user may (o+rw).</param>
public sealed record FuseFacts(bool Exists, bool Usable, string Mode, bool OthersUsable);

/// <summary>Everything <c>tykky doctor</c> looks at, gathered before it decides anything.</summary>
public sealed record DoctorFacts
{
    /// <summary>The build directory base builds would use (CW_BUILD_TMPDIR, else the site config's build_tmpdir_base), or null when unknown.</summary>
    public string? BuildBase { get; init; }

    /// <summary>What dead builds left in <see cref="BuildBase"/> and in the installations on TYKKY_PATH.</summary>
    public IReadOnlyList<Deploy.Leftover> Leftovers { get; init; } = [];

    /// <summary>The site config in effect.</summary>
    public required string SiteConfig { get; init; }

    /// <summary>Why the site config cannot be read, or null.</summary>
    public string? SiteConfigError { get; init; }

    /// <summary>The configured runtime.</summary>
    public RuntimeChoice Runtime { get; init; } = RuntimeChoice.Auto;

    /// <summary>apptainer or singularity (the first found, as the builder picks it), or null.</summary>
    public FoundTool? Apptainer { get; init; }

    /// <summary>bubblewrap, or null.</summary>
    public FoundTool? Bwrap { get; init; }

    /// <summary>squashfuse, or null.</summary>
    public string? Squashfuse { get; init; }

    /// <summary>mksquashfs, or null.</summary>
    public string? Mksquashfs { get; init; }

    /// <summary>unsquashfs (its version in <see cref="FoundTool.Version"/>, e.g. "4.5.1"), or null.</summary>
    public FoundTool? Unsquashfs { get; init; }

    /// <summary>User namespaces.</summary>
    public required UserNamespaceFacts UserNamespaces { get; init; }

    /// <summary>/dev/fuse.</summary>
    public required FuseFacts Fuse { get; init; }

    /// <summary>/dev/loop-control exists (apptainer's setuid mode attaches images to loop devices).</summary>
    public bool LoopControl { get; init; }

    /// <summary>The user's keeper directory (bubblewrap shared mount).</summary>
    public string KeeperDirectory { get; init; } = "";

    /// <summary>The keeper records there.</summary>
    public IReadOnlyList<KeeperInfo> Keepers { get; init; } = [];

    /// <summary>Who runs the check.</summary>
    public required string User { get; init; }

    /// <summary>The check runs as root.</summary>
    public bool IsRoot { get; init; }

    /// <summary>Installations on TYKKY_PATH whose image their recorded runtime cannot mount: "NAME: problem".</summary>
    public IReadOnlyList<string> UnmountableInstallations { get; init; } = [];

    /// <summary>How many installations on TYKKY_PATH were looked at.</summary>
    public int InstallationsSeen { get; init; }
}
