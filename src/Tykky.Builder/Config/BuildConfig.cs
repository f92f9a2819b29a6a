using Tykky.Builder.Reporting;

namespace Tykky.Builder.Config;

/// <summary>What kind of installation is built (config key <c>mode</c>).</summary>
public enum BuildMode
{
    /// <summary>wrap-container: wrappers for programs already in a container; no image of its own.</summary>
    WrapContainer,

    /// <summary>wrap-install: an installation on disk copied into the image.</summary>
    WrapInstall,

    /// <summary>pip-containerize: a Python venv with pip (or uv) packages.</summary>
    Venv,

    /// <summary>conda-containerize: a Miniforge installation with one conda environment.</summary>
    Conda,

    /// <summary>spack-containerize: a Spack environment, its install tree and its view.</summary>
    Spack,
}

/// <summary>Which runtime starts the programs (config key <c>runtime</c>, SPEC §6).</summary>
public enum RuntimeChoice
{
    /// <summary>apptainer or singularity when present, else bubblewrap.</summary>
    Auto,

    /// <summary>Apptainer.</summary>
    Apptainer,

    /// <summary>SingularityCE.</summary>
    Singularity,

    /// <summary>Unprivileged bubblewrap + squashfuse.</summary>
    Bwrap,
}

/// <summary>One part of a pre/post-install script: an inline line, or a file's content.</summary>
/// <param name="Text">The line, or null for a file.</param>
/// <param name="File">The file, or null for a line.</param>
public sealed record ScriptPart(string? Text, string? File);

/// <summary>One <c>extra_envs</c> item: an environ file, or a single variable change.</summary>
/// <param name="File">An environ file (NAME=VALUE lines), or null.</param>
/// <param name="Name">Variable name, for a single change.</param>
/// <param name="Value">Its value.</param>
/// <param name="Type">set, prepend or append.</param>
public sealed record EnvironmentSource(string? File, string? Name, string? Value, string? Type);

/// <summary>The effective, typed configuration of one build: site config and user input merged, expanded, checked.</summary>
public sealed record BuildConfig
{
    /// <summary>What is built.</summary>
    public required BuildMode Mode { get; init; }

    /// <summary>Where the image is mounted inside the container (absolute).</summary>
    public required string InstallationPath { get; init; }

    /// <summary>The installation directory on the host (absolute).</summary>
    public required string InstallationPrefix { get; init; }

    /// <summary>Directory under which the build directory cw-XXXXXX is made (absolute).</summary>
    public required string BuildTmpdirBase { get; init; }

    /// <summary>Working directory of pre/post-install scripts.</summary>
    public required string Workdir { get; init; }

    /// <summary>Name of the squashfs image in the prefix.</summary>
    public string SqfsImage { get; init; } = "img.sqfs";

    /// <summary>Extra mksquashfs arguments.</summary>
    public IReadOnlyList<string> SqfsOptions { get; init; } = [];

    /// <summary>mksquashfs -processors: num_cpus capped by max_num_cpus.</summary>
    public int Processors { get; init; } = 1;

    /// <summary>Bind only <see cref="MountPoints"/> instead of the whole host.</summary>
    public bool Isolate { get; init; }

    /// <summary>Host paths bound in isolated mode.</summary>
    public IReadOnlyList<string> MountPoints { get; init; } = [];

    /// <summary>Top-level host directories not bound in host mode.</summary>
    public IReadOnlyList<string> ExcludedMountPoints { get; init; } = [];

    /// <summary>Whether wrappers are generated at all.</summary>
    public bool CreateWrappers { get; init; } = true;

    /// <summary>Wrap every file of a wrapper path, not only executables.</summary>
    public bool WrapAll { get; init; }

    /// <summary>Prepend the lib directories next to wrapper paths to LD_LIBRARY_PATH.</summary>
    public bool AddLd { get; init; }

    /// <summary>Absolute paths inside the container whose programs get wrappers.</summary>
    public IReadOnlyList<string> WrapperPaths { get; init; } = [];

    /// <summary>Runtime selection.</summary>
    public RuntimeChoice Runtime { get; init; } = RuntimeChoice.Auto;

    /// <summary>Configured apptainer/singularity binary (path or name).</summary>
    public string? SingularityExecutablePath { get; init; }

    /// <summary>Where the container comes from: "auto", a local image path, or a URL the runtime pulls.</summary>
    public string ContainerSrc { get; init; } = "auto";

    /// <summary>Name of the container image in the prefix.</summary>
    public string ContainerImage { get; init; } = "container.sif";

    /// <summary>Link a local container image instead of copying it.</summary>
    public bool ShareContainer { get; init; }

    /// <summary>GPU pass-through.</summary>
    public Launcher.Manifest.GpuMode Gpu { get; init; } = Launcher.Manifest.GpuMode.None;

    /// <summary>bubblewrap: launches on a node share one mount of the image held by a keeper (shared_mount).</summary>
    public bool SharedMount { get; init; } = true;

    /// <summary>Seconds a keeper stays after its last process has ended (shared_mount_idle).</summary>
    public int SharedMountIdleSeconds { get; init; } = 60;

    /// <summary>Verbosity.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    /// <summary>Shell snippets run inside before the installation step.</summary>
    public IReadOnlyList<ScriptPart> PreInstall { get; init; } = [];

    /// <summary>Shell snippets run inside after the installation step.</summary>
    public IReadOnlyList<ScriptPart> PostInstall { get; init; } = [];

    /// <summary>Environment applied at every launch.</summary>
    public IReadOnlyList<EnvironmentSource> ExtraEnvs { get; init; } = [];

    /// <summary>wrap-install: the directory to wrap.</summary>
    public string? WrapSource { get; init; }

    /// <summary>wrap-install --mask (mask_wrap_install): the image is mounted over <see cref="WrapSource"/>, whose top-level directory is not bound.</summary>
    public bool MaskWrapInstall { get; init; }

    /// <summary>wrap-install: also copy what is mounted inside the directory to wrap (wrap_cross_mounts, --cross-mounts).</summary>
    public bool WrapCrossMounts { get; init; }

    /// <summary>Update an existing installation (update_installation): its image is the starting point.</summary>
    public bool UpdateInstallation { get; init; }

    /// <summary>The installation path has a random suffix, so the installation loads together with other composable ones.</summary>
    public bool Composable { get; init; }

    /// <summary>The name of the installation's module (module_name; default the prefix's directory name).</summary>
    public required string ModuleName { get; init; }

    /// <summary>The version of the installation's module (module_version), or null for the build number.</summary>
    public string? ModuleVersion { get; init; }

    /// <summary>pip-containerize and conda-containerize settings (and env_file, the Spack environment file of spack-containerize).</summary>
    public PackageSettings Packages { get; init; } = new();

    /// <summary>spack-containerize settings.</summary>
    public SpackSettings Spack { get; init; } = new();

    /// <summary>The effective configuration as recorded in share/conf.yaml.</summary>
    public required ConfigMap Effective { get; init; }
}
