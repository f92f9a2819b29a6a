using Tykky.Builder.Config;
using Tykky.Builder.Container;
using Tykky.Builder.Platform;
using Tykky.Builder.Processes;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>The container check of every build that runs in a container (apptainer/singularity, or isolated under bubblewrap).</summary>
public static class ContainerPreflight
{
    /// <summary>
    /// A container the runtime can use: apptainer pulls URLs and reads any image; bubblewrap needs a
    /// SIF, squashfs image or sandbox directory on disk. <c>auto</c> is a base image for host mode,
    /// not a root filesystem to wrap or isolate into. A local container must be for the build host's
    /// architecture.
    /// </summary>
    /// <param name="config">The build's configuration.</param>
    /// <param name="runtime">The runtime of the installation.</param>
    /// <param name="unsquashfs">Reads squashfs images (asked for only when one must be read).</param>
    public static void CheckUsableContainer(BuildConfig config, RuntimeSpec runtime, Func<Unsquashfs> unsquashfs)
    {
        var isBubblewrap = runtime.Kind == RuntimeKind.Bwrap;
        switch (ContainerSource.Parse(config.ContainerSrc, () => new BaseImage("", false, "")))
        {
            case AutoImage when isBubblewrap || config.Mode == BuildMode.WrapContainer:
                throw new BuildException($"An isolated installation needs a container (container_src is 'auto'); give {ContainerImageProbe.Kinds}{(isBubblewrap ? "" : " or a docker:// URL")}");
            case RemoteImage remote when isBubblewrap:
                var useIt = config.Mode == BuildMode.WrapContainer ? "give image.sif" : "set 'container_src: image.sif' (in an advanced YAML)";
                throw new BuildException($"Container '{remote.Url}' must be pulled, and bubblewrap cannot pull images; pull it where apptainer is installed ('apptainer pull image.sif {remote.Url}') and {useIt}, or set 'runtime: apptainer'");
            case LocalImage local when isBubblewrap || config.Mode == BuildMode.WrapContainer:
                CheckArchitecture(local.Path, ContainerImageProbe.Probe(local.Path), unsquashfs);
                break;
            case LocalImage local when !File.Exists(local.Path) && !Directory.Exists(local.Path):
                throw new BuildException($"Container image '{config.ContainerSrc}' (container_src) does not exist; give an image file, a docker:// or oras:// URL, or auto");
            // apptainer also runs what Tykky does not read (ext3 images, ext3 SIF partitions): it judges those itself
            case LocalImage local when ContainerImageProbe.TryProbe(local.Path) is { } image:
                CheckArchitecture(local.Path, image, unsquashfs);
                break;
        }
    }

    private static void CheckArchitecture(string path, ContainerImageInfo image, Func<Unsquashfs> unsquashfs)
    {
        var found = ContainerArchitecture.Find(image, () => ContainerRoot.Files(path, image, unsquashfs));
        if (ContainerArchitecture.Mismatch(path, found, CpuArchitectures.Host) is { } mismatch)
        {
            throw new BuildException(mismatch);
        }
    }
}
