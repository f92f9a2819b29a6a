using System.Buffers.Binary;
using Tykky.Launcher.Keeper;
using static Tykky.Launcher.Keeper.ImageReadAhead;

namespace Tykky.Launcher.Tests;

/// <summary>What a keeper reads of an image ahead: from its superblock, the tables first, then the data, within the limit.</summary>
public class ImageReadAheadSpecs
{
    /// <summary>A squashfs superblock of a filesystem of <paramref name="size"/> bytes whose tables begin at <paramref name="tables"/>.</summary>
    private static byte[] Superblock(long size, long tables, string magic = "hsqs")
    {
        var superblock = new byte[96];
        System.Text.Encoding.ASCII.GetBytes(magic).CopyTo(superblock, 0);
        BinaryPrimitives.WriteInt64LittleEndian(superblock.AsSpan(40), size);
        BinaryPrimitives.WriteInt64LittleEndian(superblock.AsSpan(64), tables);
        return superblock;
    }

    [Fact]
    public void A_small_image_is_read_whole_its_tables_first()
    {
        Assert.Equal([new Extent(50_000, 5_000), new Extent(0, 50_000)], Plan(Superblock(55_000, 50_000), 0, Limit));
    }

    [Fact]
    public void A_SIF_s_partition_is_read_from_its_offset()
    {
        Assert.Equal([new Extent(36_864 + 50_000, 5_000), new Extent(36_864, 50_000)], Plan(Superblock(55_000, 50_000), 36_864, Limit));
    }

    [Fact]
    public void A_large_image_gets_its_tables_and_as_much_of_its_data_as_the_limit_leaves()
    {
        Assert.Equal([new Extent(10_000_000, 1_000), new Extent(0, 3_000)], Plan(Superblock(10_001_000, 10_000_000), 0, 4_000));
    }

    [Fact]
    public void Tables_larger_than_the_limit_are_read_up_to_it_and_no_data()
    {
        Assert.Equal([new Extent(100, 4_000)], Plan(Superblock(100_000, 100), 0, 4_000));
    }

    public static TheoryData<string, byte[]> Unusable() => new()
    {
        { "not a squashfs", Superblock(55_000, 50_000, "hsqt") },
        { "tables beyond the filesystem's end", Superblock(55_000, 60_000) },
        { "tables inside the superblock", Superblock(55_000, 10) },
        { "a short read", Superblock(55_000, 50_000)[..40] },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void A_superblock_that_makes_no_sense_reads_nothing(string name, byte[] superblock)
    {
        Assert.NotEmpty(name);
        Assert.Empty(Plan(superblock, 0, Limit));
    }
}
