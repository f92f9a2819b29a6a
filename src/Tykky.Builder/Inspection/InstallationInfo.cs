using System.Text.Json.Serialization;

namespace Tykky.Builder.Inspection;

/// <summary>Which tool made an installation.</summary>
public enum InstallationMaker
{
    /// <summary>This Tykky: a manifest (tykky.json) and the launcher.</summary>
    [JsonStringEnumMemberName("tykky")] Tykky,

    /// <summary>Upstream's bash Tykky (hpc-container-wrapper): bash wrappers in bin/ and bin/../common.sh.</summary>
    [JsonStringEnumMemberName("upstream")] Upstream,
}

/// <summary>What <c>tykky info</c> reports about an installation; also its <c>--json</c> form.</summary>
public sealed record InstallationInfo
{
    /// <summary>The installation directory (absolute).</summary>
    public required string Prefix { get; init; }

    /// <summary>Which tool made it.</summary>
    public required InstallationMaker Maker { get; init; }

    /// <summary>Version of the Tykky that made it (null for upstream installations).</summary>
    public string? ToolVersion { get; init; }

    /// <summary>When it was built (share/VERSION.yml), if recorded.</summary>
    public string? BuildTime { get; init; }

    /// <summary>Random id of the installation (Tykky only).</summary>
    public string? InstallationId { get; init; }

    /// <summary>How its programs are started.</summary>
    public required RuntimeInfo Runtime { get; init; }

    /// <summary>Where the image is mounted inside the container.</summary>
    public string? InstallationPath { get; init; }

    /// <summary>Isolated: only mount_points and the installation are bound (null when unknown).</summary>
    public bool? Isolate { get; init; }

    /// <summary>Host paths bound in isolated mode.</summary>
    public IReadOnlyList<string> MountPoints { get; init; } = [];

    /// <summary>The container, if the installation has one.</summary>
    public FileSystemImageInfo? Container { get; init; }

    /// <summary>The installation's own squashfs image (wrap-container installations have none).</summary>
    public FileSystemImageInfo? Image { get; init; }

    /// <summary>How a conda installation activates its environment, and why; null for other installations.</summary>
    public CondaActivationInfo? CondaActivation { get; init; }

    /// <summary>The wrappers in bin/, in name order.</summary>
    public IReadOnlyList<WrapperInfo> Wrappers { get; init; } = [];

    /// <summary>The effective configuration (share/conf.yaml), as YAML text.</summary>
    public string? EffectiveConfig { get; init; }

    /// <summary>The roots of a Spack installation's environment with their hashes (share/spack.lock); empty for other installations.</summary>
    public IReadOnlyList<SpackRoot> SpackRoots { get; init; } = [];

    /// <summary>The inputs of each build (share/previous_input/N).</summary>
    public IReadOnlyList<BuildInputs> BuildInputs { get; init; } = [];

    /// <summary>bubblewrap shared mount: seconds a keeper stays after its last process; null when every launch builds its own sandbox.</summary>
    public int? SharedMountIdleSeconds { get; init; }

    /// <summary>The pids of this user's running keepers of the installation.</summary>
    public IReadOnlyList<int> Keepers { get; init; } = [];

    /// <summary>Things found wrong (a missing image, a runtime no longer installed); empty when none.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The problems of images the recorded runtime cannot mount (also in <see cref="Problems"/>); empty when none.</summary>
    public IReadOnlyList<string> UnmountableImages { get; init; } = [];
}

/// <summary>The runtime of an installation.</summary>
/// <param name="Kind">bwrap, apptainer or singularity.</param>
/// <param name="Executable">Its absolute path as recorded at build time (null when upstream's wrappers search PATH).</param>
/// <param name="Version">The version recorded at build time.</param>
/// <param name="Squashfuse">squashfuse, for bwrap.</param>
public sealed record RuntimeInfo(string Kind, string? Executable, string? Version, string? Squashfuse);

/// <summary>The conda activation of an installation.</summary>
/// <param name="Mode">captured or dynamic.</param>
/// <param name="Reason">Why the builder chose it (null for installations built before it was recorded).</param>
public sealed record CondaActivationInfo(string Mode, string? Reason);

/// <summary>A container image, sandbox directory, or installation image, and what is inside.</summary>
/// <param name="Path">Absolute path.</param>
/// <param name="Kind">sif, squashfs or directory.</param>
/// <param name="Offset">Where the squashfs starts in the file (SIF).</param>
/// <param name="Bytes">Size of the file, null for a directory or a missing file.</param>
/// <param name="Entries">Files, directories and links inside (squashfs inode count), null when not counted.</param>
/// <param name="Shared">The path is a link to a file outside the installation (share_container).</param>
/// <param name="Compression">The squashfs compressor read from the superblock (gzip, zstd, ...), or null when it cannot be read.</param>
public sealed record FileSystemImageInfo(string Path, string Kind, long Offset, long? Bytes, long? Entries, bool Shared, string? Compression = null);

/// <summary>One wrapper: its name in bin/ and the program it runs inside (null when it cannot be told).</summary>
/// <param name="Name">The program's name.</param>
/// <param name="Target">Its path inside the container.</param>
public sealed record WrapperInfo(string Name, string? Target);

/// <summary>The files kept from one build.</summary>
/// <param name="Build">The build's number (1 for the first).</param>
/// <param name="Files">File names, in name order.</param>
public sealed record BuildInputs(int Build, IReadOnlyList<string> Files);
