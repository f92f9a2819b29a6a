using System.Globalization;
using Tykky.Builder.Config;
using Tykky.Builder.Packages;
using Tykky.Builder.Processes;

namespace Tykky.Builder.Steps;

/// <summary>
/// conda-containerize: empties conda's package cache (<c>miniforge/pkgs</c>: the downloaded tarballs
/// and extracted packages) with <c>conda clean --all --yes</c> before the image is packed (issue #8.7:
/// they were half of a 33 MB image). conda itself decides what is safe to remove; the environment's
/// files are hard links or copies, so it keeps working. conda_clean_pkgs: no keeps the cache.
/// </summary>
public sealed class CleanCondaPackageCacheStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Cleaning conda's package cache";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var cache = $"{PackageLayout.MiniforgeRoot(config.InstallationPath)}/pkgs";
        if (!Directory.Exists(context.OnHost(cache)))
        {
            return;
        }
        var before = TreeBytes(context);
        using var home = CondaHome.Create(context);
        var command = PackageShell.Command(context, "cleaning conda's package cache", ShellSetup.None,
            [PackageLayout.CondaExecutable(config.InstallationPath), "clean", "--all", "--yes"]);
        context.Runner.Run(command with { Environment = Sandbox.Merge(command.Environment, PackageShell.CondaOnlyVariables(context, home.PathInside)) });
        var saved = Math.Max(0, before - TreeBytes(context));
        context.Reporter.Info($"conda's package cache ({cache}) is not packed: the image holds {Inspection.InspectionText.Size(saved)} less before compression (conda_clean_pkgs: no keeps it)");
    }

    /// <summary>The bytes of the install tree, each hard-linked file once (du counts an inode once per run), as mksquashfs packs it.</summary>
    private static long TreeBytes(BuildContext context)
    {
        var output = context.Runner.Capture(new ToolCommand("measuring the install tree", ["du", "-s", "-b", context.InstallTree]));
        return long.TryParse(output.Split('\t', 2)[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : 0;
    }
}
