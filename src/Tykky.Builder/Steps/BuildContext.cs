using Tykky.Builder.Config;
using Tykky.Builder.Container;
using Tykky.Builder.Processes;
using Tykky.Builder.Reporting;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>
/// The state a build's steps share. The build directory holds the install tree that becomes the
/// image (<c>_inst_dir</c>), the sandbox prefix that runs commands inside (<c>_sandbox</c>) and the log;
/// the staging directory inside the prefix collects the new installation's files until deployment.
/// </summary>
public sealed class BuildContext
{
    /// <summary>The checked configuration.</summary>
    public required BuildConfig Config { get; init; }

    /// <summary>The runtime recorded in the manifest.</summary>
    public required RuntimeSpec Runtime { get; init; }

    /// <summary>The tool's own files.</summary>
    public required ToolLayout Tool { get; init; }

    /// <summary>Messages.</summary>
    public required Reporter Reporter { get; init; }

    /// <summary>Runs child processes.</summary>
    public required ToolRunner Runner { get; init; }

    /// <summary>The random id of the installation (kept across updates).</summary>
    public required string InstallationId { get; init; }

    /// <summary>The private build directory <c>cw-XXXXXX</c>.</summary>
    public required string BuildDirectory { get; init; }

    /// <summary>The directory inside the prefix where the new installation is assembled.</summary>
    public required string StagingDirectory { get; init; }

    /// <summary>For an update, the directory of the generation being updated (its image is the starting point); null for a new installation.</summary>
    public string? InstalledGeneration { get; init; }

    /// <summary>Input files to record under previous_input (the user's files, by path).</summary>
    public required IReadOnlyList<string> InputFiles { get; init; }

    /// <summary>Absolute path of mksquashfs.</summary>
    public required string Mksquashfs { get; init; }

    /// <summary>Environment the builder was started with.</summary>
    public required Func<string, string?> Environment { get; init; }

    /// <summary>The container of the installation (apptainer/singularity), set by <see cref="FetchContainerStep"/>; its path is relative to the prefix.</summary>
    public ContainerSpec? Container { get; set; }

    /// <summary>The conda activation the launcher applies, set by <see cref="CaptureCondaActivationStep"/> for conda installations.</summary>
    public CondaActivation? Conda { get; set; }

    /// <summary>The links of the staged <c>_bin</c> by name (each wrapper's program inside), set by <see cref="CreateWrappersStep"/>.</summary>
    public IReadOnlyDictionary<string, string> Programs { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The staged installation's share/ directory (build records: conf.yaml, VERSION.yml, package lists), created on first use.</summary>
    public string StagedShareDirectory() => Directory.CreateDirectory(Path.Join(StagingDirectory, "share")).FullName;

    /// <summary>The tree that becomes the image: mounted at the installation path inside.</summary>
    public string InstallTree => Path.Join(BuildDirectory, "_inst_dir");

    /// <summary>An isolated container's own files, set by <see cref="InspectContainerStep"/>; null in host mode.</summary>
    public IContainerFiles? ContainerFiles { get; set; }

    /// <summary>
    /// The files the programs see inside: in host mode the install tree and the host; in an isolated
    /// container its root, with the install tree over it at the installation path (wrap-container has
    /// no image, so only the container).
    /// </summary>
    public IContainerFiles FilesInside => ContainerFiles switch
    {
        null => new MappedHostFiles(OnHost),
        var container when Config.Mode == BuildMode.WrapContainer => container,
        var container => new InstallTreeOverContainer(container, Config.InstallationPath, new MappedHostFiles(OnHost)),
    };

    /// <summary>The container image or directory on the host during the build (in the staging directory unless its path is absolute), or null.</summary>
    public string? ContainerOnHost => Container is { } container ? (container.Path.StartsWith('/') ? container.Path : Path.Join(StagingDirectory, container.Path)) : null;

    /// <summary>The prefix whose <c>_debug_exec</c> runs commands inside with <see cref="InstallTree"/> mounted read-write.</summary>
    public string SandboxPrefix => Path.Join(BuildDirectory, "_sandbox");

    /// <summary>Tykky's own directory inside the image.</summary>
    public string ImageToolDirectory => Path.Join(InstallTree, ".tykky");

    /// <summary>Where a path inside the container lives on the host during the build.</summary>
    public string OnHost(string pathInside) =>
        pathInside == Config.InstallationPath ? InstallTree
        : pathInside.StartsWith(Config.InstallationPath + "/", StringComparison.Ordinal) ? InstallTree + pathInside[Config.InstallationPath.Length..]
        : pathInside;
}
