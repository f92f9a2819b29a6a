using Tykky.Builder.Processes;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Container;

/// <summary>The files of a container's root filesystem, read without running it.</summary>
public static class ContainerRoot
{
    /// <summary>The files of the container at <paramref name="path"/>: a sandbox directory as it is, a SIF or squashfs image through unsquashfs.</summary>
    public static IContainerFiles Files(string path, ContainerImageInfo image, Func<Unsquashfs> unsquashfs) => image.Kind switch
    {
        ContainerKind.Directory => MappedHostFiles.UnderRoot(path),
        ContainerKind.Sif or ContainerKind.Squashfs => unsquashfs().List(path, image.Offset),
    };
}
