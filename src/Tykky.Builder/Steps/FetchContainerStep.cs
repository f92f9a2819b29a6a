using Tykky.Builder.Container;
using Tykky.Builder.Processes;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>
/// Puts the container image into the staged installation: a local image is copied (or linked with
/// share_container, so installations share one file), a URL is pulled by the runtime, and
/// <c>auto</c> pulls a base image matching the host's /etc/os-release.
/// </summary>
public sealed class FetchContainerStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Getting the container image";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var target = Path.Join(context.StagingDirectory, config.ContainerImage);
        var source = ContainerSource.Parse(config.ContainerSrc, () => BaseImageChooser.Choose(File.Exists("/etc/os-release") ? File.ReadAllText("/etc/os-release") : ""));
        switch (source)
        {
            case LocalImage local when Directory.Exists(local.Path):
                context.Reporter.Info($"Using the sandbox directory {local.Path} in place (a directory is not copied): keep it while the installation is used");
                context.Container = new ContainerSpec { Path = local.Path, Kind = ContainerKind.Directory };
                return;
            case LocalImage local when config.ShareContainer:
                context.Reporter.Info($"Sharing {local.Path} (share_container): linked, not copied");
                File.CreateSymbolicLink(target, local.Path);
                break;
            case LocalImage local:
                Native.UmaskedCopy.Copy(local.Path, target);
                break;
            case RemoteImage remote:
                Pull(context, remote.Url, target);
                break;
            case AutoImage auto:
                var how = auto.Choice.IsGuess ? $"a guess, {auto.Choice.Reason}; set container_src to choose" : auto.Choice.Reason;
                (auto.Choice.IsGuess ? (Action<string>)context.Reporter.Warning : context.Reporter.Info)($"container_src auto: {auto.Choice.Url} ({how})");
                Pull(context, auto.Choice.Url, target);
                break;
        }
        context.Container = new ContainerSpec { Path = config.ContainerImage };
    }

    /// <summary>The directory under build_tmpdir_base that the runtime's pull cache (and Spack's caches) persist in between builds.</summary>
    public const string CacheDirectoryName = "tykky-cache";

    /// <summary>Pulls with the runtime; its cache goes under the build directory base, its temporary files into the build directory.</summary>
    private static void Pull(BuildContext context, string url, string target)
    {
        var cache = Path.Join(context.Config.BuildTmpdirBase, CacheDirectoryName);
        context.Runner.Run(new ToolCommand($"pulling {url}", [context.Runtime.Executable, "--silent", "pull", target, url])
        {
            Environment = new Dictionary<string, string?>
            {
                ["APPTAINER_CACHEDIR"] = cache,
                ["SINGULARITY_CACHEDIR"] = cache,
                ["APPTAINER_TMPDIR"] = context.BuildDirectory,
                ["SINGULARITY_TMPDIR"] = context.BuildDirectory,
            },
        });
    }
}
