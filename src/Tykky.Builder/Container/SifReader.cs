using System.Buffers.Binary;
using System.Text;

namespace Tykky.Builder.Container;

/// <summary>
/// Finds the root filesystem of a SIF (Singularity Image Format) file: the squashfs partition marked
/// as the primary system partition. Only the header and the descriptor table are read; the layout is
/// that of sylabs/sif pkg/sif (sif.go, descriptor.go at 07e19ed): every field little-endian, packed.
/// <code>
/// header      0 launch[32] 32 magic[10] "SIF_MAGIC" 42 version[3] "01" 45 arch[3] 48 uuid[16]
///            64 ctime 72 mtime 80 free 88 total 96 descriptors offset 104 descriptors size 112 data offset 120 data size
/// descriptor  0 datatype(i32) 4 used(u8) 5 id 9 group 13 link 17 offset(i64) 25 size(i64) 33 size with padding ...
///           201 extra[384]: for a partition fstype(i32) parttype(i32) arch[3]
/// </code>
/// </summary>
public static class SifReader
{
    /// <summary>Bytes of the global header.</summary>
    public const int HeaderSize = 128;

    /// <summary>Bytes of one descriptor (585: the packed Go struct rawDescriptor).</summary>
    public const int DescriptorSize = 585;

    /// <summary>
    /// Apptainer writes 48 descriptors; sylabs/sif lets a creator ask for more. 4096 (2.4 MB of table)
    /// is far beyond any real image and keeps a damaged header from making us read gigabytes.
    /// </summary>
    public const int MaxDescriptors = 4096;

    private const int MagicOffset = 32;
    private const int VersionOffset = 42;
    private const int TotalOffset = 88;
    private const int DescriptorsOffsetOffset = 96;
    private const int DataTypePartition = 0x4004;
    private const int FsTypeSquashfs = 1;
    private const int PartTypePrimarySystem = 2;
    private const int ExtraOffset = 201;

    private static readonly byte[] Magic = "SIF_MAGIC\0"u8.ToArray();

    /// <summary>Names of sylabs/sif file system types (fstype), for messages.</summary>
    private static readonly string[] FsTypeNames = ["unknown", "squashfs", "ext3", "archive", "raw", "encrypted squashfs"];

    /// <summary>True when <paramref name="start"/> (the file's first bytes) carries the SIF magic.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> start) =>
        start.Length >= MagicOffset + Magic.Length && start.Slice(MagicOffset, Magic.Length).SequenceEqual(Magic);

    /// <summary>The root filesystem partition of the SIF file in <paramref name="image"/>.</summary>
    /// <exception cref="SifFormatException">The file is not a SIF file or holds no squashfs root filesystem.</exception>
    public static SifPartition FindRootFilesystem(Stream image)
    {
        var header = StreamReads.ReadUpTo(image, 0, HeaderSize);
        var (offset, count) = DescriptorTable(header, image.Length);
        return FindRootFilesystem(header, StreamReads.ReadUpTo(image, offset, count * DescriptorSize), image.Length);
    }

    /// <summary>The root filesystem partition, from the header, the descriptor table and the file's length. Pure.</summary>
    /// <exception cref="SifFormatException">The file is not a SIF file or holds no squashfs root filesystem.</exception>
    public static SifPartition FindRootFilesystem(ReadOnlySpan<byte> header, ReadOnlySpan<byte> descriptors, long fileLength)
    {
        var (_, count) = DescriptorTable(header, fileLength);
        if (descriptors.Length < count * DescriptorSize)
        {
            throw new SifFormatException("is truncated: its descriptor table ends early");
        }
        for (var i = 0; i < count; i++)
        {
            var descriptor = descriptors.Slice(i * DescriptorSize, DescriptorSize);
            if (descriptor[4] == 0 || BinaryPrimitives.ReadInt32LittleEndian(descriptor) != DataTypePartition
                || BinaryPrimitives.ReadInt32LittleEndian(descriptor[(ExtraOffset + 4)..]) != PartTypePrimarySystem)
            {
                continue;
            }
            return PrimaryPartition(descriptor, fileLength);
        }
        throw new SifFormatException("has no primary system partition (no root filesystem)");
    }

    private static SifPartition PrimaryPartition(ReadOnlySpan<byte> descriptor, long fileLength)
    {
        var fsType = BinaryPrimitives.ReadInt32LittleEndian(descriptor[ExtraOffset..]);
        if (fsType != FsTypeSquashfs)
        {
            var name = fsType >= 0 && fsType < FsTypeNames.Length ? FsTypeNames[fsType] : $"type {fsType}";
            throw new SifFormatException($"has a root filesystem of type {name}; only a squashfs one can be mounted without privileges");
        }
        var offset = BinaryPrimitives.ReadInt64LittleEndian(descriptor[17..]);
        var size = BinaryPrimitives.ReadInt64LittleEndian(descriptor[25..]);
        if (offset < HeaderSize || size <= 0 || offset > fileLength - size)
        {
            throw new SifFormatException($"is truncated or damaged: its root filesystem (bytes {offset} to {offset + size}) lies outside the file of {fileLength} bytes");
        }
        return new SifPartition(offset, size, Encoding.ASCII.GetString(descriptor.Slice(ExtraOffset + 8, 2)));
    }

    /// <summary>Checks the header and returns where the descriptor table is and how many descriptors it holds.</summary>
    private static (long Offset, int Count) DescriptorTable(ReadOnlySpan<byte> header, long fileLength)
    {
        if (!HasMagic(header))
        {
            throw new SifFormatException("is not a SIF file (no SIF_MAGIC header)");
        }
        if (header.Length < HeaderSize)
        {
            throw new SifFormatException("is truncated: it ends inside the SIF header");
        }
        var version = Encoding.ASCII.GetString(header.Slice(VersionOffset, 2));
        if (version != "01")
        {
            throw new SifFormatException($"has SIF version '{version}'; this Tykky reads version 01");
        }
        var total = BinaryPrimitives.ReadInt64LittleEndian(header[TotalOffset..]);
        var offset = BinaryPrimitives.ReadInt64LittleEndian(header[DescriptorsOffsetOffset..]);
        if (total <= 0 || total > MaxDescriptors)
        {
            throw new SifFormatException($"is damaged: its header announces {total} descriptors");
        }
        if (offset < HeaderSize || offset > fileLength - total * DescriptorSize)
        {
            throw new SifFormatException("is truncated or damaged: its descriptor table lies outside the file");
        }
        return (offset, (int)total);
    }
}
