using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;

namespace Tykky.Launcher.Planning;

/// <summary>Everything <see cref="ExecPlanner"/> decides from: gathered once, then planned without I/O.</summary>
/// <param name="Call">Which wrapper was called, how, with which arguments.</param>
/// <param name="Manifest">The installation's manifest.</param>
/// <param name="Environment">The caller's environment.</param>
/// <param name="Host">Facts about the host read beforehand.</param>
internal sealed record LaunchContext(WrapperInvocation Call, InstallationManifest Manifest, EnvironmentVariables Environment, HostFacts Host);

/// <summary>Facts about the host that the plan depends on, collected by <see cref="HostProbe"/>.</summary>
internal sealed record HostFacts
{
    /// <summary>Entries of "/" that are directories or links to directories (host mode only).</summary>
    public IReadOnlyList<HostEntry> TopLevelEntries { get; init; } = [];

    /// <summary>Whether the installation path is a mount point here, and of which installation.</summary>
    public MountState InstallationMount { get; init; } = MountState.NotMounted;

    /// <summary>The bind sources (and other paths) that were checked and exist.</summary>
    public IReadOnlySet<string> ExistingPaths { get; init; } = new HashSet<string>();

    /// <summary>
    /// The apptainer/singularity container this process runs in (APPTAINER_CONTAINER or
    /// SINGULARITY_CONTAINER, trusted only when /.singularity.d exists: outside a container they are
    /// stale leftovers), or null on the host.
    /// </summary>
    public string? EnclosingContainer { get; init; }

    /// <summary>True when <see cref="EnclosingContainer"/> is this installation's own container image (same file).</summary>
    public bool EnclosingContainerIsOurs { get; init; }

    /// <summary>
    /// The bin directory of the venv the wrapper was reached through (a pyvenv.cfg beside the directory
    /// of argv[0], as Python itself looks for it), absolute; null when not reached through a venv.
    /// </summary>
    public string? VenvBinDirectory { get; init; }

    /// <summary>True when the real user is root (bubblewrap then runs privileged and must keep its capabilities to nest).</summary>
    public bool RunsAsRoot { get; init; }

    /// <summary>
    /// Root without CAP_SYS_ADMIN, as inside another sandbox: bubblewrap, privileged for uid 0, then
    /// cannot set up its namespaces ("setting up uid map: Operation not permitted").
    /// </summary>
    public bool RootWithoutCapabilities { get; init; }

    /// <summary>The real user id (names the user's keeper directory).</summary>
    public uint UserId { get; init; }

    /// <summary>The caller's working directory (<see cref="Host.ProcessStart.WorkingDirectory"/>), entered again by a launch that joins a keeper; null when it cannot be named.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The installation image's identity for a shared mount (its generation, or in the flat layout its size and modification time); null when not needed or a flat layout's image is missing.</summary>
    public string? ImageIdentity { get; init; }

    /// <summary>The GPUs whose devices exist here, for <see cref="GpuMode.Auto"/>.</summary>
    public GpuMode GpuDevices { get; init; } = GpuMode.None;

    /// <summary>Of fds 0-2, those the caller had closed (the launcher put /dev/null there; see <see cref="Native.StandardDescriptors"/>).</summary>
    public IReadOnlyList<int> ClosedStandardDescriptors { get; init; } = [];
}

/// <summary>A top-level host directory, or a top-level link to one (/bin → usr/bin on merged-/usr systems).</summary>
/// <param name="Path">Absolute path, e.g. "/bin".</param>
/// <param name="LinkTarget">The link's text when the entry is a symlink, else null.</param>
internal sealed record HostEntry(string Path, string? LinkTarget);

/// <summary>What is mounted at the installation path in the current mount namespace.</summary>
internal enum MountState
{
    /// <summary>Nothing: the launcher runs outside the installation's container.</summary>
    NotMounted,

    /// <summary>This installation's image: the launcher runs inside its own container.</summary>
    Ours,

    /// <summary>Another installation's image uses the same installation path.</summary>
    Other,
}
