namespace Tykky.Builder.Image;

/// <summary>
/// The compressors of squashfs 4 images, by the id the superblock stores (little-endian u16 at byte
/// 20; squashfs-tools squashfs_fs.h). The names are mksquashfs's <c>-comp</c> names.
/// </summary>
public enum SquashfsCompressor
{
    /// <summary>zlib (<c>-comp gzip</c>), mksquashfs's default.</summary>
    Gzip = 1,

    /// <summary>legacy lzma (<c>-comp lzma</c>).</summary>
    Lzma = 2,

    /// <summary>lzo (<c>-comp lzo</c>).</summary>
    Lzo = 3,

    /// <summary>xz (<c>-comp xz</c>).</summary>
    Xz = 4,

    /// <summary>lz4 (<c>-comp lz4</c>).</summary>
    Lz4 = 5,

    /// <summary>zstd (<c>-comp zstd</c>).</summary>
    Zstd = 6,
}
