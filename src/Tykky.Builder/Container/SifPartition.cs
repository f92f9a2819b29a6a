namespace Tykky.Builder.Container;

/// <summary>Where a SIF file's root filesystem lies: a squashfs image at <paramref name="Offset"/>, <paramref name="Size"/> bytes long.</summary>
/// <param name="Offset">Byte offset of the squashfs image in the file (squashfuse/unsquashfs <c>offset</c>).</param>
/// <param name="Size">Length of the partition in bytes.</param>
/// <param name="ArchitectureCode">The partition's architecture code ("02" amd64, "04" arm64; "00" unknown).</param>
public sealed record SifPartition(long Offset, long Size, string ArchitectureCode);
