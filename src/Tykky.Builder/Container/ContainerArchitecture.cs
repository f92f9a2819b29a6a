using Tykky.Builder.Platform;

namespace Tykky.Builder.Container;

/// <summary>
/// What architecture a container's root filesystem is for: what a SIF descriptor states, else the
/// ELF header of a program every Linux root has. A container of another architecture than the build
/// host's cannot run its programs there (without an emulator), so the build stops before anything is written.
/// </summary>
public static class ContainerArchitecture
{
    /// <summary>Programs whose ELF header tells the root's architecture, in the order asked (busybox images have only the last).</summary>
    private static readonly string[] Witnesses = ["/bin/sh", "/usr/bin/env", "/bin/busybox"];

    /// <summary>The container's architecture and how it was found, or null when nothing tells it (no SIF code, no ELF program).</summary>
    /// <param name="image">What the probe found.</param>
    /// <param name="files">The container's files (listing a squashfs image costs a child process: asked only when needed).</param>
    public static (CpuArchitecture Architecture, string Evidence)? Find(ContainerImageInfo image, Func<IContainerFiles> files)
    {
        if (image.SifArchitectureCode is { } code && CpuArchitectures.FromSifCode(code) is { } stated)
        {
            return (stated, $"its SIF root filesystem is marked {stated.Name}");
        }
        var inside = files();
        foreach (var witness in Witnesses)
        {
            if (ContainerPaths.Resolve(inside, witness) is ({ } physical, { Kind: ContainerFileKind.File })
                && inside.ReadStart(physical, CpuArchitectures.ElfHeaderBytes) is { } start && CpuArchitectures.FromElfHeader(start) is { } machine)
            {
                return (machine, $"{witness} is an {machine.Machine} program");
            }
        }
        return null;
    }

    /// <summary>The error for running <paramref name="container"/> on <paramref name="host"/>, or null when they match or nothing is known. Pure.</summary>
    public static string? Mismatch(string container, (CpuArchitecture Architecture, string Evidence)? found, CpuArchitecture host) =>
        found is var (architecture, evidence) && architecture != host
            ? $"Container '{container}' is for {architecture.Name} ({evidence}) and this host is {host.Name}; give an image built for {host.Name} (apptainer pull --arch {host.Name} ...), or build on {architecture.Name} hardware"
            : null;
}
