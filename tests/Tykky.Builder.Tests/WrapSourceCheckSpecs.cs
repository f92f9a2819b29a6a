using Tykky.Builder.Native;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Tests;

/// <summary>What wrap-install refuses to copy, what the copy leaves out, and when it cannot fit.</summary>
public class WrapSourceCheckSpecs
{
    /// <summary>A host: / on one disk, /opt/tool with a bind mount of that disk, a tmpfs data directory and /proc.</summary>
    private const string MountInfoText = """
        22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
        23 22 0:21 / /proc rw,nosuid - proc proc rw
        24 22 0:5 / /dev rw,nosuid - devtmpfs udev rw
        30 22 8:1 /var/x /srv/tool/bound rw,relatime - ext4 /dev/sda1 rw
        31 22 0:40 / /opt/tool/data rw - tmpfs tmpfs rw,size=16384k
        32 31 0:41 / /opt/tool/data/deeper rw - tmpfs tmpfs rw
        33 22 0:42 / /opt/with\040space rw - tmpfs tmpfs rw
        34 22 0:23 / /opt/withproc/proc rw - proc proc rw
        """;

    private static readonly IReadOnlyList<MountEntry> Mounts = MountInfo.Parse(MountInfoText);

    public sealed record Case(string Name, string Source, bool CrossMounts, string? Error, string[] LeftOut)
    {
        public string Prefix { get; init; } = "/home/me/inst";

        public string BuildBase { get; init; } = "/tmp";

        public override string ToString() => Name;
    }

    public static TheoryData<Case> Rows() =>
    [
        new("A plain directory is copied whole", "/home/me/tool", false, null, []),
        new("/ is refused", "/", false, "Directory to wrap is '/', the whole host", []),
        new("A source holding the prefix is refused", "/home/me", false, "Directory to wrap '/home/me' holds the installation prefix '/home/me/inst', so the copy would take in the installation being built; choose a --prefix outside it", []),
        new("The prefix itself is refused", "/home/me/inst", false, "holds the installation prefix", []),
        new("A source holding the build base is refused", "/home/me/tool", false, "Directory to wrap '/home/me/tool' holds the build directory base '/home/me/tool/tmp', so the copy would copy itself", []) { BuildBase = "/home/me/tool/tmp" },
        new("A source on /proc is refused", "/proc/1", false, "Directory to wrap '/proc/1' is on a proc file system ('/proc'", []),
        new("A source holding a proc mount is refused, crossing mounts or not", "/opt/withproc", true, "Directory to wrap '/opt/withproc' holds '/opt/withproc/proc', a proc file system", []),
        new("Another file system inside is left out, its own mounts with it", "/opt/tool", false, null, ["/opt/tool/data"]),
        new("--cross-mounts copies it", "/opt/tool", true, null, []),
        new("A bind mount of the same disk cannot be left out by cp", "/srv/tool", false, "'/srv/tool/bound' inside the directory to wrap is a bind mount of the source's own file system", []),
        // mountinfo escapes a space as \040
        new("Mount points with spaces are read", "/opt/with space", false, null, []),
        new("A prefix that merely starts like the source is outside it", "/home/me/in", false, null, []),
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_check_matches_the_row(Case row)
    {
        IReadOnlyList<MountEntry> Check() => WrapSourceCheck.MountsLeftOut(row.Source, row.Prefix, row.BuildBase, Mounts, row.CrossMounts);

        if (row.Error is { } error)
        {
            Assert.Contains(error, Assert.Throws<BuildException>(Check).Message, StringComparison.Ordinal);
            return;
        }
        Assert.Equal(row.LeftOut, Check().Select(m => m.MountPoint));
    }

    [Fact]
    public void Mountinfo_lines_give_point_device_and_type()
    {
        Assert.Equal(new MountEntry("/opt/with space", "0:42", "tmpfs"), Mounts[6]);
        Assert.Equal(new MountEntry("/srv/tool/bound", "8:1", "ext4"), Mounts[3]);
    }

    [Theory]
    [InlineData(100, 1000, 1000, false, null)]
    [InlineData(100, 99, 1000, false, "Directory to wrap '/src' holds 100 bytes and the build directory base '/b' has 99 bytes available, too little for its copy; set CW_BUILD_TMPDIR")]
    [InlineData(100, 1000, 99, false, "Directory to wrap '/src' holds 100 bytes and the installation prefix '/p' has 99 bytes available, too little for an image that may be about as big; choose a --prefix")]
    // on one file system the copy and the image are there at once
    [InlineData(100, 150, 150, true, "may need 200 bytes on one file system, which has 150 bytes available")]
    [InlineData(100, 200, 200, true, null)]
    public void The_copy_and_the_image_must_fit(long size, long baseFree, long prefixFree, bool sameFileSystem, string? error)
    {
        var problem = WrapSourceCheck.SpaceProblem("/src", size, ("/b", baseFree), ("/p", prefixFree), sameFileSystem);

        if (error is null)
        {
            Assert.Null(problem);
            return;
        }
        Assert.Contains(error, problem);
    }
}
