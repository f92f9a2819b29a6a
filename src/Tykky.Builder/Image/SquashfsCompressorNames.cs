namespace Tykky.Builder.Image;

/// <summary>mksquashfs's names of the compressors (<c>-comp NAME</c>).</summary>
public static class SquashfsCompressorNames
{
    /// <summary>The <c>-comp</c> name of <paramref name="compressor"/>.</summary>
    public static string Name(SquashfsCompressor compressor) => compressor switch
    {
        SquashfsCompressor.Gzip => "gzip",
        SquashfsCompressor.Lzma => "lzma",
        SquashfsCompressor.Lzo => "lzo",
        SquashfsCompressor.Xz => "xz",
        SquashfsCompressor.Lz4 => "lz4",
        SquashfsCompressor.Zstd => "zstd",
    };

    /// <summary>The compressor named <paramref name="name"/>, or null when mksquashfs has none of that name.</summary>
    public static SquashfsCompressor? Parse(string name) =>
        Enum.GetValues<SquashfsCompressor>().Cast<SquashfsCompressor?>().FirstOrDefault(c => Name(c!.Value) == name);
}
