using Tykky.Launcher.Host;
using Tykky.Launcher.Native;

namespace Tykky.Launcher.Tests;

/// <summary>Reading /proc/self/mountinfo: the mount point is the fifth field, with the kernel's octal escapes.</summary>
public class MountTableSpecs
{
    private const string MountInfo =
        "22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw\n" +
        "36 22 0:35 / /LOCAL_TYKKY ro,nosuid,nodev shared:20 - fuse.squashfuse squashfuse ro,user_id=1000\n" +
        "37 22 0:36 / /mnt/my\\040data rw,relatime shared:21 - ext4 /dev/sdb1 rw\n" +
        "38 22 0:37 / /mnt/tab\\011and\\012newline rw - tmpfs tmpfs rw\n" +
        "39 22 0:38 / /mnt/back\\134slash rw - tmpfs tmpfs rw\n" +
        "40 22 0:39 /srv/exported /mnt/bound rw - ext4 /dev/sdc1 rw\n" +
        "41 22 0:40 / /mnt/raw\\377byte rw - tmpfs tmpfs rw\n" +
        "42 22 0:41 / /mnt/not\\escape rw - tmpfs tmpfs rw\n";

    [Theory]
    [InlineData("/", true)]
    [InlineData("/LOCAL_TYKKY", true)]
    [InlineData("/mnt/my data", true)]
    [InlineData("/mnt/tab\tand\nnewline", true)]
    [InlineData("/mnt/back\\slash", true)]
    [InlineData("/mnt/bound", true)]
    [InlineData("/mnt/not\\escape", true)]
    // The escaped form is not the path.
    [InlineData("/mnt/my\\040data", false)]
    // The root field (fourth) is the source inside the filesystem, not a mount point.
    [InlineData("/srv/exported", false)]
    [InlineData("/LOCAL_TYKKY/bin", false)]
    [InlineData("/LOCAL", false)]
    [InlineData("", false)]
    public void IsMountPoint_matches_the_unescaped_fifth_field(string path, bool expected) =>
        Assert.Equal(expected, MountTable.IsMountPoint(MountInfo, path));

    [Fact]
    public void An_octal_escape_of_a_non_UTF8_byte_matches_the_byte_exact_path()
    {
        // Arrange
        byte[] bytes = [.. "/mnt/raw"u8, 0xFF, .. "byte"u8];
        var path = PosixText.Decode(bytes);

        // Act
        var mounted = MountTable.IsMountPoint(MountInfo, path);

        // Assert
        Assert.True(mounted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("garbage line\nshort 1 2 3\n")]
    public void Empty_or_short_lines_hold_no_mount_points(string mountInfo) =>
        Assert.False(MountTable.IsMountPoint(mountInfo, "/LOCAL_TYKKY"));

    [Fact]
    public void An_escape_at_the_very_end_of_a_field_is_decoded()
    {
        // Arrange
        const string line = "50 22 0:50 / /mnt/trailing\\040 rw - tmpfs tmpfs rw\n";

        // Act
        var mounted = MountTable.IsMountPoint(line, "/mnt/trailing ");

        // Assert
        Assert.True(mounted);
    }

    [Fact]
    public void A_mount_point_with_an_emoji_and_a_space_is_recognised()
    {
        // Arrange
        const string line = "51 22 0:51 / /LOCAL_TYKKY_😀\\040x rw - fuse.squashfuse squashfuse ro\n";

        // Act
        var mounted = MountTable.IsMountPoint(line, "/LOCAL_TYKKY_😀 x");

        // Assert
        Assert.True(mounted);
    }
}
