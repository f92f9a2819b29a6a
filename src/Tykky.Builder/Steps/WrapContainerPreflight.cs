using Tykky.Builder.Config;
using Tykky.Builder.Processes;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>
/// wrap-container's checks before anything is written: a container that can be used with the runtime.
/// (unsquashfs, which reads images, comes with the mksquashfs every build requires.)
/// </summary>
public static class WrapContainerPreflight
{
    /// <summary>Throws a <see cref="BuildException"/> naming the problem and the fix.</summary>
    /// <param name="config">The build's configuration.</param>
    /// <param name="runtime">The runtime of the installation.</param>
    /// <param name="unsquashfs">Reads squashfs images (asked for only when one must be read).</param>
    public static void Check(BuildConfig config, RuntimeSpec runtime, Func<Unsquashfs> unsquashfs)
    {
        if (config.WrapperPaths.Count == 0)
        {
            throw new BuildException("No wrapper paths: wrap-container needs -w/--wrapper-paths with absolute paths inside the container (e.g. -w /usr/bin)");
        }
        if (runtime.Kind == RuntimeKind.Bwrap && !config.Isolate)
        {
            throw new BuildException("wrap-container with the bwrap runtime needs 'isolate: yes' (the container is the root filesystem); remove 'isolate: no' or use apptainer/singularity");
        }
        ContainerPreflight.CheckUsableContainer(config, runtime, unsquashfs);
    }
}
