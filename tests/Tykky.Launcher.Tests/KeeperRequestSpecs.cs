using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Keeper;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Tests;

/// <summary>The keeper's request travels as the launcher's own argv, written by the planner and read by the keeper.</summary>
public class KeeperRequestSpecs
{
    public sealed record Case(string Name)
    {
        internal KeeperRequest Request { get; init; } = null!;

        public override string ToString() => Name;
    }

    private static KeeperRequest Request(PrefixView? view, params ImageMount[] mounts) => new(3, 4, 60, "/usr/bin/squashfuse", "/p/generations/1/squashfuse-noopen.so", "/LOCAL_TYKKY/.tykky/installation-id", view, mounts);

    public static TheoryData<Case> Shapes() =>
    [
        new("No view, one image") { Request = Request(null, new ImageMount("/p/generations/1/img.sqfs", "/LOCAL_TYKKY")) },
        new("A view and two images, one at an offset") { Request = Request(new PrefixView("/p", "generations/3"), new ImageMount("/p/img.sqfs", "/L"), new ImageMount("/c.sif", "/C", 4096)) },
        new("A view of a prefix with a space, and no image") { Request = Request(new PrefixView("/my prefix", "generations/12")) },
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Decode_gives_back_what_Encode_wrote(Case row)
    {
        var decoded = KeeperRequest.Decode(row.Request.Encode());

        Assert.Equal(row.Request with { Mounts = [] }, decoded with { Mounts = [] });
        Assert.Equal(row.Request.Mounts, decoded.Mounts);
    }

    [Theory]
    [InlineData("--tykky-keeper", "3", "4", "60", "/sq", "/noopen.so", "/check", "")]
    [InlineData("--tykky-keeper", "3", "4", "60", "/sq", "/noopen.so", "/check", "", "", "/img")]
    [InlineData("--tykky-keeper", "x", "4", "60", "/sq", "/noopen.so", "/check", "", "")]
    public void Damaged_requests_are_a_usage_error(params string[] arguments)
    {
        var failure = Assert.Throws<LaunchException>(() => KeeperRequest.Decode(arguments));

        Assert.Equal(ExitCode.Usage, failure.ExitCode);
    }
}
