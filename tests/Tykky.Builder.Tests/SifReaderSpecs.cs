using System.Buffers.Binary;
using Tykky.Builder.Container;

namespace Tykky.Builder.Tests;

/// <summary>The SIF reader on a real image written by Apptainer, and on damaged copies of it.</summary>
public class SifReaderSpecs
{
    private static readonly string BusyboxSif = Path.Join(AppContext.BaseDirectory, "Fixtures", "busybox.sif");

    /// <summary>Where busybox.sif's descriptors are: the third (index 2) is the root filesystem.</summary>
    private const int PartitionDescriptor = 4096 + (2 * SifReader.DescriptorSize);

    /// <summary>A damaged copy of busybox.sif and the error it must give.</summary>
    public sealed record Damage(string Name, Func<byte[], byte[]> Apply, string Error)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Damage> Damages() =>
    [
        new("an empty file", _ => [], "is not a SIF file (no SIF_MAGIC header)"),
        new("a squashfs image", b => b[36864..], "is not a SIF file (no SIF_MAGIC header)"),
        new("a file cut inside the header", b => b[..100], "is truncated: it ends inside the SIF header"),
        new("another SIF version", b => Patch(b, 42, "02"u8), "has SIF version '02'; this Tykky reads version 01"),
        // a damaged count must not make the reader allocate what the header says
        new("an absurd descriptor count", b => PatchInt64(b, 88, 1L << 40), "is damaged: its header announces 1099511627776 descriptors"),
        new("a file cut inside the descriptor table", b => b[..5000], "is truncated or damaged: its descriptor table lies outside the file"),
        new("a file cut inside the root filesystem", b => b[..40000], "is truncated or damaged: its root filesystem (bytes 36864 to 1081344) lies outside the file of 40000 bytes"),
        new("an ext3 root filesystem", b => PatchInt32(b, PartitionDescriptor + 201, 2), "has a root filesystem of type ext3; only a squashfs one can be mounted without privileges"),
        new("an encrypted root filesystem", b => PatchInt32(b, PartitionDescriptor + 201, 5), "has a root filesystem of type encrypted squashfs; only a squashfs one can be mounted without privileges"),
        // parttype 1 is a system partition that is not the primary one
        new("no primary system partition", b => PatchInt32(b, PartitionDescriptor + 205, 1), "has no primary system partition (no root filesystem)"),
        new("the partition descriptor unused", b => Patch(b, PartitionDescriptor + 4, [0]), "has no primary system partition (no root filesystem)"),
    ];

    [Fact]
    public void The_root_filesystem_of_a_SIF_written_by_Apptainer_is_found()
    {
        // Arrange
        using var image = File.OpenRead(BusyboxSif);

        // Act
        var partition = SifReader.FindRootFilesystem(image);

        // Assert: the figures of tests/fixtures/README.md (apptainer sif list)
        Assert.Equal(new SifPartition(36864, 1044480, "02"), partition);
    }

    [Fact]
    public void The_magic_is_recognised_from_the_first_bytes()
    {
        var bytes = File.ReadAllBytes(BusyboxSif);

        Assert.True(SifReader.HasMagic(bytes.AsSpan(0, 64)));
        Assert.False(SifReader.HasMagic(bytes.AsSpan(36864, 64)));
        Assert.False(SifReader.HasMagic("SIF"u8));
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_or_foreign_file_gives_a_clear_error(Damage damage)
    {
        // Arrange
        using var image = new MemoryStream(damage.Apply(File.ReadAllBytes(BusyboxSif)));

        // Act
        var error = Assert.Throws<SifFormatException>(() => SifReader.FindRootFilesystem(image));

        // Assert
        Assert.Equal(damage.Error, error.Message);
    }

    private static byte[] Patch(byte[] bytes, int offset, ReadOnlySpan<byte> value)
    {
        value.CopyTo(bytes.AsSpan(offset));
        return bytes;
    }

    private static byte[] PatchInt32(byte[] bytes, int offset, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), value);
        return bytes;
    }

    private static byte[] PatchInt64(byte[] bytes, int offset, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(offset), value);
        return bytes;
    }
}
