using System.Globalization;
using Tykky.Builder.Config;
using Tykky.Builder.Native;
using Tykky.Builder.Processes;
using Tykky.Builder.Reporting;

namespace Tykky.Builder.Steps;

/// <summary>wrap-install's checks of the directory to wrap, before anything is copied: what it holds, and whether its copy and image fit.</summary>
public static class WrapSourcePreflight
{
    /// <summary>Throws a <see cref="BuildException"/> when the source must not or cannot be copied; warns of the mounts left out.</summary>
    public static void Check(BuildConfig config, ToolRunner runner, Reporter reporter)
    {
        var source = config.WrapSource!;
        var prefix = PosixDirectories.CanonicalOfNearestExisting(config.InstallationPrefix);
        var buildBase = PosixDirectories.CanonicalOfNearestExisting(config.BuildTmpdirBase);
        var mounts = MountInfo.ReadOwn();
        foreach (var mount in WrapSourceCheck.MountsLeftOut(source, prefix, buildBase, mounts, config.WrapCrossMounts))
        {
            reporter.Warning($"'{mount.MountPoint}' inside the directory to wrap is another file system ({mount.FileSystemType}); its contents are left out (an empty directory in the image); give --cross-mounts to copy them");
        }
        var baseHolder = PosixDirectories.NearestExisting(buildBase);
        var prefixHolder = PosixDirectories.NearestExisting(prefix);
        var problem = WrapSourceCheck.SpaceProblem(source, DiskUsage(source, config.WrapCrossMounts, runner),
            (config.BuildTmpdirBase, new DriveInfo(baseHolder).AvailableFreeSpace), (config.InstallationPrefix, new DriveInfo(prefixHolder).AvailableFreeSpace),
            MountInfo.Holding(mounts, baseHolder)?.Device == MountInfo.Holding(mounts, prefixHolder)?.Device);
        if (problem is not null)
        {
            throw new BuildException(problem);
        }
    }

    /// <summary>What du says the copy takes: blocks in use, links not followed, hard links once, other mounts left out unless crossed (as cp -a -x).</summary>
    private static long DiskUsage(string source, bool crossMounts, ToolRunner runner)
    {
        var output = runner.Capture(new ToolCommand("measuring the directory to wrap", ["du", "-s", "-B1", .. crossMounts ? Array.Empty<string>() : ["-x"], "--", source]));
        return long.Parse(output.Split('\t')[0], NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
