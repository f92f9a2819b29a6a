using System.Text.Json.Serialization;

namespace Tykky.Launcher.Manifest;

/// <summary>
/// Everything the launcher needs to start a program of an installation, written once by the builder
/// as <c>&lt;prefix&gt;/tykky.json</c>. This file and its neighbours are the only definition of the
/// schema: the builder compiles these same files.
/// </summary>
/// <remarks>
/// <see cref="ManifestParser"/> sets every init-only property, absent ones to null; the list
/// properties therefore turn null into empty in their setters.
/// </remarks>
public sealed record InstallationManifest
{
    /// <summary>The schema this launcher reads and the builder writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Schema version; a launcher refuses a manifest newer than it understands.</summary>
    public required int SchemaVersion { get; init; }

    /// <summary>Version of the Tykky that wrote the manifest.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>Random id of the installation, kept across updates; also stored inside the image.</summary>
    public required string InstallationId { get; init; }

    /// <summary>Absolute path inside the container where the image is mounted.</summary>
    public required string InstallationPath { get; init; }

    /// <summary>The runtime that starts the container or sandbox.</summary>
    public required RuntimeSpec Runtime { get; init; }

    /// <summary>The squashfs image (or, during a build, a directory) mounted at <see cref="InstallationPath"/>.</summary>
    public ImageSpec? Image { get; init; }

    /// <summary>The container image for apptainer/singularity, or the root filesystem for an isolated bwrap sandbox.</summary>
    public ContainerSpec? Container { get; init; }

    /// <summary>Isolated: bind only <see cref="MountPoints"/> and the installation; else every top-level host directory.</summary>
    public bool Isolate { get; init; }

    /// <summary>Host paths bound in isolated mode.</summary>
    public IReadOnlyList<string> MountPoints { get => _mountPoints; init => _mountPoints = value ?? []; }

    private readonly IReadOnlyList<string> _mountPoints = [];

    /// <summary>Top-level host directories never bound in host mode.</summary>
    public IReadOnlyList<string> ExcludedMountPoints { get => _excludedMountPoints; init => _excludedMountPoints = value ?? []; }

    private readonly IReadOnlyList<string> _excludedMountPoints = [];

    /// <summary>GPU pass-through requested from the runtime.</summary>
    public GpuMode Gpu { get; init; } = GpuMode.None;

    /// <summary>Environment changes applied on every launch, in order.</summary>
    public IReadOnlyList<EnvironmentChange> Environment { get => _environment; init => _environment = value ?? []; }

    private readonly IReadOnlyList<EnvironmentChange> _environment = [];

    /// <summary>How the conda environment is activated at launch; null when the installation is not a conda environment.</summary>
    public CondaActivation? Conda { get; init; }

    /// <summary>
    /// Each wrapper's program: the text of its link <c>_bin/NAME</c> (the program's path inside; the
    /// debug wrappers' is <c>../tykky-launcher</c>), written at build time so that a launch reads no
    /// link on the prefix's filesystem and a sandbox can show <c>bin</c> without listing <c>_bin</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Programs { get => _programs; init => _programs = value ?? NoPrograms; }

    private static readonly IReadOnlyDictionary<string, string> NoPrograms = new Dictionary<string, string>(StringComparer.Ordinal);

    private readonly IReadOnlyDictionary<string, string> _programs = NoPrograms;

    /// <summary>
    /// Launches share one mount of the image per user and node, held by a keeper (bubblewrap host
    /// mode); null means every launch builds its own sandbox and mounts the image itself.
    /// </summary>
    public SharedMountSpec? SharedMount { get; init; }
}

/// <summary>The shared mount of the bubblewrap runtime: a keeper holds the image mounted in its namespaces and launches join them.</summary>
public sealed record SharedMountSpec
{
    /// <summary>Seconds the keeper stays after the last process inside has ended.</summary>
    public required int IdleSeconds { get; init; }
}

/// <summary>
/// The activation of a conda environment. Upstream ran <c>conda shell.bash hook</c> and
/// <c>conda activate</c> in a bash on every launch (a Python start each time); its effect is captured
/// once at build time instead and applied by the launcher, unless the environment's activate scripts
/// must run each time (<see cref="CondaActivationMode.Dynamic"/>).
/// </summary>
public sealed record CondaActivation
{
    /// <summary>Captured (apply <see cref="Changes"/>) or dynamic (activate in bash at each launch).</summary>
    public required CondaActivationMode Mode { get; init; }

    /// <summary>The conda executable inside the container, e.g. /LOCAL_TYKKY/miniforge/bin/conda.</summary>
    public required string CondaExecutable { get; init; }

    /// <summary>The environment to activate (its path inside the container).</summary>
    public required string EnvironmentPath { get; init; }

    /// <summary>Why the builder chose <see cref="Mode"/> (shown by <c>tykky info</c>); null in manifests of earlier builders.</summary>
    public string? Reason { get; init; }

    /// <summary>The environment changes <c>conda activate</c> made at build time (activate.d scripts included).</summary>
    public IReadOnlyList<EnvironmentChange> Changes { get => _changes; init => _changes = value ?? []; }

    private readonly IReadOnlyList<EnvironmentChange> _changes = [];
}

/// <summary>How conda activation happens at launch.</summary>
public enum CondaActivationMode
{
    /// <summary>Apply the changes recorded at build time: no shell, no Python at launch.</summary>
    [JsonStringEnumMemberName("captured")] Captured,

    /// <summary>Run <c>conda shell.bash hook</c> and <c>conda activate</c> in the container's bash at each launch (upstream's way).</summary>
    [JsonStringEnumMemberName("dynamic")] Dynamic,
}

/// <summary>How the installation's programs are started.</summary>
public sealed record RuntimeSpec
{
    /// <summary>Which runtime.</summary>
    public required RuntimeKind Kind { get; init; }

    /// <summary>Absolute path of the runtime binary, resolved at build time.</summary>
    public required string Executable { get; init; }

    /// <summary>Version reported by the runtime at build time.</summary>
    public string? Version { get; init; }

    /// <summary>Absolute path of squashfuse (bwrap runtime only).</summary>
    public string? Squashfuse { get; init; }
}

/// <summary>The runtimes Tykky can use.</summary>
public enum RuntimeKind
{
    /// <summary>Unprivileged bubblewrap with squashfuse.</summary>
    [JsonStringEnumMemberName("bwrap")] Bwrap,

    /// <summary>Apptainer (binds via APPTAINER_BIND, env via APPTAINERENV_).</summary>
    [JsonStringEnumMemberName("apptainer")] Apptainer,

    /// <summary>SingularityCE (binds via SINGULARITY_BIND, env via SINGULARITYENV_).</summary>
    [JsonStringEnumMemberName("singularity")] Singularity,
}

/// <summary>The filesystem image that holds the installation.</summary>
public sealed record ImageSpec
{
    /// <summary>Path of the image; relative paths are relative to the installation prefix.</summary>
    public required string Path { get; init; }

    /// <summary>What the path is.</summary>
    public ImageKind Kind { get; init; } = ImageKind.Squashfs;
}

/// <summary>Kinds of installation image.</summary>
public enum ImageKind
{
    /// <summary>A squashfs file, mounted read-only.</summary>
    [JsonStringEnumMemberName("squashfs")] Squashfs,

    /// <summary>A directory, bound read-write (used while building).</summary>
    [JsonStringEnumMemberName("directory")] Directory,
}

/// <summary>The container an installation runs in.</summary>
public sealed record ContainerSpec
{
    /// <summary>Path of the container image; relative paths are relative to the installation prefix.</summary>
    public required string Path { get; init; }

    /// <summary>What the image is (bwrap mounts its root filesystem itself; apptainer reads any of them).</summary>
    public ContainerKind Kind { get; init; } = ContainerKind.Sif;

    /// <summary>Byte offset of the root filesystem's squashfs in the file: the SIF partition's start, read at build time.</summary>
    public long Offset { get; init; }

    /// <summary>The top-level entries of the container's root filesystem, listed at build time (bwrap binds each one).</summary>
    public IReadOnlyList<RootEntry> RootEntries { get => _rootEntries; init => _rootEntries = value ?? []; }

    private readonly IReadOnlyList<RootEntry> _rootEntries = [];

    /// <summary>PATH inside the container by default, recorded at build time (isolated mode appends it).</summary>
    public string? DefaultPath { get; init; }

    /// <summary>LD_LIBRARY_PATH inside the container by default, recorded at build time.</summary>
    public string? DefaultLdLibraryPath { get; init; }
}

/// <summary>Kinds of container image.</summary>
public enum ContainerKind
{
    /// <summary>A SIF file (apptainer/singularity format); its root filesystem is a squashfs partition at <see cref="ContainerSpec.Offset"/>.</summary>
    [JsonStringEnumMemberName("sif")] Sif,

    /// <summary>A plain squashfs image of a root filesystem.</summary>
    [JsonStringEnumMemberName("squashfs")] Squashfs,

    /// <summary>A directory holding a root filesystem (a "sandbox").</summary>
    [JsonStringEnumMemberName("directory")] Directory,
}

/// <summary>A top-level entry of a container's root filesystem: a directory, or a link such as bin → usr/bin.</summary>
/// <param name="Name">The entry's name, e.g. "usr".</param>
/// <param name="LinkTarget">The link's text for a symlink, else null.</param>
public sealed record RootEntry(string Name, string? LinkTarget = null);

/// <summary>GPU pass-through modes (apptainer/singularity <c>--nv</c>/<c>--rocm</c>).</summary>
public enum GpuMode
{
    /// <summary>No GPU flags.</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>Decided at each launch from the devices present (/dev/nvidiactl, /dev/kfd): builds often run on nodes without GPUs.</summary>
    [JsonStringEnumMemberName("auto")] Auto,

    /// <summary>NVIDIA (<c>--nv</c>).</summary>
    [JsonStringEnumMemberName("nvidia")] Nvidia,

    /// <summary>AMD (<c>--rocm</c>).</summary>
    [JsonStringEnumMemberName("amd")] Amd,
}

/// <summary>One change to the program's environment. Values may name variables as $NAME or ${NAME}.</summary>
public sealed record EnvironmentChange
{
    /// <summary>What to do.</summary>
    public required EnvironmentAction Action { get; init; }

    /// <summary>Variable name.</summary>
    public required string Name { get; init; }

    /// <summary>Value (unused for <see cref="EnvironmentAction.Unset"/>).</summary>
    public string Value { get => _value; init => _value = value ?? ""; }

    private readonly string _value = "";
}

/// <summary>Environment change kinds.</summary>
public enum EnvironmentAction
{
    /// <summary>NAME=value.</summary>
    [JsonStringEnumMemberName("set")] Set,

    /// <summary>NAME=value:$NAME (value alone when NAME is unset or empty).</summary>
    [JsonStringEnumMemberName("prepend")] Prepend,

    /// <summary>NAME=$NAME:value (value alone when NAME is unset or empty).</summary>
    [JsonStringEnumMemberName("append")] Append,

    /// <summary>Remove NAME.</summary>
    [JsonStringEnumMemberName("unset")] Unset,
}
