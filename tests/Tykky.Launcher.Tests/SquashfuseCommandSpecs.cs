using Tykky.Launcher.Inner;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Tests;

/// <summary>How an image is mounted with either of squashfuse's programs, in a keeper and in a per-launch sandbox.</summary>
public class SquashfuseCommandSpecs
{
    private const string Cache = "entry_timeout=86400,attr_timeout=86400,negative_timeout=86400";

    public static TheoryData<string, string, long, bool, string[]> Commands() => new()
    {
        { "low level, keeper: read-only, its own caching", "/usr/bin/squashfuse_ll", 0, true, ["/usr/bin/squashfuse_ll", "-o", "ro", "/p/img.sqfs", "/L"] },
        { "low level, per launch", "/usr/bin/squashfuse_ll", 0, false, ["/usr/bin/squashfuse_ll", "-o", "ro", "/p/img.sqfs", "/L"] },
        { "low level, a SIF's partition", "/opt/sf/bin/squashfuse_ll", 36864, true, ["/opt/sf/bin/squashfuse_ll", "-o", "ro,offset=36864", "/p/img.sqfs", "/L"] },
        { "high level, keeper: long timeouts", "/usr/bin/squashfuse", 0, true, ["/usr/bin/squashfuse", "-o", "ro," + Cache, "/p/img.sqfs", "/L"] },
        { "high level, per launch: libfuse's defaults", "/usr/bin/squashfuse", 0, false, ["/usr/bin/squashfuse", "-o", "ro", "/p/img.sqfs", "/L"] },
        { "high level, keeper, offset first", "/usr/bin/squashfuse", 4096, true, ["/usr/bin/squashfuse", "-o", "ro,offset=4096," + Cache, "/p/img.sqfs", "/L"] },
        { "a name that only ends like the low-level one is the high-level program", "/opt/my-squashfuse_ll/squashfuse", 0, true, ["/opt/my-squashfuse_ll/squashfuse", "-o", "ro," + Cache, "/p/img.sqfs", "/L"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void The_command_fits_the_program_and_the_mount_s_life(string name, string squashfuse, long offset, bool longLived, string[] expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(expected, SquashfuseCommand.For(squashfuse, new ImageMount("/p/img.sqfs", "/L", offset), longLived));
    }

    public static TheoryData<string, string, string[], string[]> KeeperEnvironments() => new()
    {
        { "squashfuse_ll gets the installation's library", "/usr/bin/squashfuse_ll", ["HOME=/h"], ["HOME=/h", "LD_PRELOAD=/p/generations/1/squashfuse-noopen.so"] },
        { "instead of the user's preload", "/usr/bin/squashfuse_ll", ["LD_PRELOAD=/u/lib.so", "HOME=/h"], ["LD_PRELOAD=/p/generations/1/squashfuse-noopen.so", "HOME=/h"] },
        { "the high-level program keeps its handles in libfuse: not preloaded", "/usr/bin/squashfuse", ["HOME=/h"], ["HOME=/h"] },
    };

    [Theory]
    [MemberData(nameof(KeeperEnvironments))]
    public void A_keeper_s_squashfuse_ll_runs_with_squashfuse_noopen(string name, string squashfuse, string[] environment, string[] expected)
    {
        Assert.NotEmpty(name);
        const string library = "/p/generations/1/squashfuse-noopen.so";
        Assert.Equal(expected, SquashfuseCommand.KeeperEnvironment(squashfuse, library, EnvironmentVariables.FromEntries(environment)).ToEntries());
    }
}
