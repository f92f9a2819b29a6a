using Tykky.Builder.Image;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Container;

/// <summary>Tells a SIF file, a plain squashfs image and a sandbox directory apart by their content, and finds a SIF's root filesystem.</summary>
public static class ContainerImageProbe
{
    /// <summary>What the three kinds are, for messages.</summary>
    public const string Kinds = "a .sif file, a squashfs image or a sandbox directory";

    /// <summary>What <see cref="Probe"/> finds, or null where it would fail: a missing, unreadable or damaged container, or one of another kind.</summary>
    public static ContainerImageInfo? TryProbe(string path)
    {
        try
        {
            return Probe(path);
        }
        catch (BuildException)
        {
            return null;
        }
    }

    /// <summary>Probes the container at <paramref name="path"/>; a <see cref="BuildException"/> says why it cannot be used.</summary>
    public static ContainerImageInfo Probe(string path)
    {
        if (Directory.Exists(path))
        {
            return new ContainerImageInfo(ContainerKind.Directory, 0);
        }
        try
        {
            using var image = File.OpenRead(path);
            var start = StreamReads.ReadUpTo(image, 0, 64);
            if (start.AsSpan().StartsWith(SquashfsSuperblock.Magic))
            {
                return new ContainerImageInfo(ContainerKind.Squashfs, 0);
            }
            if (!SifReader.HasMagic(start))
            {
                throw new BuildException($"Container '{path}' is not {Kinds} (it starts with neither the SIF nor the squashfs magic); give one of those");
            }
            var partition = SifReader.FindRootFilesystem(image);
            if (!StreamReads.ReadUpTo(image, partition.Offset, SquashfsSuperblock.Magic.Length).AsSpan().SequenceEqual(SquashfsSuperblock.Magic))
            {
                throw new SifFormatException($"is damaged: its root filesystem at byte {partition.Offset} does not start with a squashfs superblock");
            }
            return new ContainerImageInfo(ContainerKind.Sif, partition.Offset, partition.ArchitectureCode);
        }
        catch (SifFormatException e)
        {
            throw new BuildException($"Container '{path}' {e.Message}; give a SIF image with a squashfs root filesystem (apptainer build), a squashfs image or a sandbox directory");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BuildException($"Container '{path}' does not exist; give {Kinds}, or a docker:// URL");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException($"Container '{path}' cannot be read: {e.Message}; check its permissions");
        }
    }
}
