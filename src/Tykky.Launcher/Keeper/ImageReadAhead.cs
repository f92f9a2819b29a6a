using System.Buffers.Binary;
using Tykky.Launcher.Inner;
using Tykky.Launcher.Native;

namespace Tykky.Launcher.Keeper;

/// <summary>
/// Reads a keeper's images into the node's page cache once their mounts serve, in large sequential
/// reads, while the first program starts: its squashfuse then finds in memory what it would
/// otherwise fetch in small reads, one file system request each (RPCs on Lustre). Measured on
/// bench/pfs.sh's simulated filesystem: a cold import 0.08-0.12 s faster (bench/cold-start.md).
/// <para>
/// Bounded: an image's tables (inodes, directories, fragments, ids: what every look-up reads) first,
/// then its data from the start, <see cref="Limit"/> bytes in all, so an image of many GB costs its
/// node no more than that of reading and memory. The bytes go to /dev/null in the kernel (sendfile):
/// none enters this process. Best effort: a failure only leaves the reads to squashfuse.
/// </para>
/// </summary>
internal static unsafe class ImageReadAhead
{
    /// <summary>At most this many bytes of an image are read ahead (256 MiB).</summary>
    public const long Limit = 256L << 20;

    /// <summary>A squashfs superblock's size: the fields read here lie within it.</summary>
    private const int SuperblockSize = 96;

    /// <summary>The offsets in the superblock of bytes_used (the filesystem's size) and inode_table_start (where its tables begin), both little-endian 64-bit.</summary>
    private const int BytesUsedField = 40, InodeTableField = 64;

    /// <summary>A part of an image file to read: <paramref name="Length"/> bytes from byte <paramref name="Start"/>.</summary>
    public readonly record struct Extent(long Start, long Length);

    /// <summary>
    /// The parts to read of the squashfs at <paramref name="offset"/> whose superblock is
    /// <paramref name="superblock"/>: its tables, then its data from the start, within
    /// <paramref name="limit"/> bytes; none when the superblock is no squashfs's or its sizes make no sense.
    /// </summary>
    public static IReadOnlyList<Extent> Plan(ReadOnlySpan<byte> superblock, long offset, long limit)
    {
        if (superblock.Length < SuperblockSize || !SquashfsMagic.Matches(superblock))
        {
            return [];
        }
        var size = BinaryPrimitives.ReadInt64LittleEndian(superblock[BytesUsedField..]);
        var tablesStart = BinaryPrimitives.ReadInt64LittleEndian(superblock[InodeTableField..]);
        if (tablesStart < SuperblockSize || size < tablesStart)
        {
            return [];
        }
        var tables = Math.Min(size - tablesStart, limit);
        var data = Math.Min(tablesStart, limit - tables);
        return data > 0 ? [new(offset + tablesStart, tables), new(offset, data)] : [new(offset + tablesStart, tables)];
    }

    /// <summary>Reads <paramref name="images"/> ahead, one after the other.</summary>
    public static void Read(IEnumerable<OpenImage> images)
    {
        int sink;
        fixed (byte* n = "/dev/null\0"u8)
        {
            sink = Libc.open(n, Libc.O_WRONLY | Libc.O_CLOEXEC, 0);
        }
        if (sink < 0)
        {
            return;
        }
        foreach (var image in images)
        {
            Read(image, sink);
        }
        Libc.close(sink);
    }

    private static void Read(OpenImage image, int sink)
    {
        Span<byte> superblock = stackalloc byte[SuperblockSize];
        nint read;
        fixed (byte* s = superblock)
        {
            read = Libc.pread(image.Fd, s, superblock.Length, image.Mount.Offset);
        }
        foreach (var extent in Plan(superblock[..(int)Math.Max(0, read)], image.Mount.Offset, Limit))
        {
            var position = extent.Start;
            var end = extent.Start + extent.Length;
            while (position < end && Libc.sendfile(sink, image.Fd, &position, (nuint)Math.Min(end - position, 1L << 30)) > 0)
            {
            }
        }
    }
}
