using System.Buffers.Binary;

namespace Tykky.Builder.Image;

/// <summary>Reads the compressor of a squashfs image from its superblock (magic "hsqs" at 0, compressor id at byte 20, little-endian).</summary>
public static class SquashfsSuperblock
{
    private const int CompressorOffset = 20;

    /// <summary>The superblock magic (little-endian "hsqs") at the start of every squashfs image.</summary>
    public static ReadOnlySpan<byte> Magic => "hsqs"u8;

    /// <summary>
    /// The compressor id stored in the superblock that starts at <paramref name="offset"/> in
    /// <paramref name="path"/>; null when the file cannot be read or holds no squashfs superblock there.
    /// </summary>
    public static int? CompressorIdOf(string path, long offset = 0)
    {
        try
        {
            using var file = File.OpenRead(path);
            file.Position = offset;
            Span<byte> header = stackalloc byte[CompressorOffset + 2];
            file.ReadExactly(header);
            return header[..Magic.Length].SequenceEqual(Magic) ? BinaryPrimitives.ReadUInt16LittleEndian(header[CompressorOffset..]) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
