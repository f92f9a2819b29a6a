using Tykky.Builder.Config;
using Tykky.Builder.Container;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>
/// wrap-container's checks before anything is written: a container that can be used with the runtime.
/// (unsquashfs, which reads images, comes with the mksquashfs every build requires.)
/// </summary>
public static class WrapContainerPreflight
{
    /// <summary>Throws a <see cref="BuildException"/> naming the problem and the fix.</summary>
    public static void Check(BuildConfig config, RuntimeSpec runtime)
    {
        if (config.WrapperPaths.Count == 0)
        {
            throw new BuildException("No wrapper paths: wrap-container needs -w/--wrapper-paths with absolute paths inside the container (e.g. -w /usr/bin)");
        }
        var source = ContainerSource.Parse(config.ContainerSrc, () => new BaseImage("", false, ""));
        var isBubblewrap = runtime.Kind == RuntimeKind.Bwrap;
        if (isBubblewrap && !config.Isolate)
        {
            throw new BuildException("wrap-container with the bwrap runtime needs 'isolate: yes' (the container is the root filesystem); remove 'isolate: no' or use apptainer/singularity");
        }
        switch (source)
        {
            case AutoImage:
                throw new BuildException($"wrap-container needs a container (container_src is 'auto'); give {ContainerImageProbe.Kinds} or a docker:// URL");
            case RemoteImage remote when isBubblewrap:
                throw new BuildException($"Container '{remote.Url}' must be pulled, and bubblewrap cannot pull images; pull it where apptainer is installed ('apptainer pull image.sif {remote.Url}') and give image.sif, or set 'runtime: apptainer'");
            case RemoteImage:
                break; // pulled by the runtime, then read like a local image
            case LocalImage local:
                ContainerImageProbe.Probe(local.Path);
                break;
        }
    }
}
