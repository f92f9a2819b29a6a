using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Container;

/// <summary>What a local container is and where its root filesystem starts.</summary>
/// <param name="Kind">SIF file, plain squashfs image, or sandbox directory.</param>
/// <param name="Offset">Byte offset of the root filesystem's squashfs in the file (0 unless SIF).</param>
/// <param name="SifArchitectureCode">The architecture a SIF's root filesystem descriptor states, or null (not a SIF).</param>
public sealed record ContainerImageInfo(ContainerKind Kind, long Offset, string? SifArchitectureCode = null);
