using Tykky.Builder.Processes;

namespace Tykky.Builder.Steps;

/// <summary>
/// update: the installation's current image is the starting point. Its contents are unpacked into the
/// install tree with unsquashfs (modes, links and times kept; no mount and no runtime needed, so it
/// works the same for every runtime). The old image stays in place, in use, until the new one is
/// deployed over it.
/// </summary>
public sealed class CopyOldImageStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Copying the current image into the build";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var image = Path.Join(config.InstallationPrefix, config.SqfsImage);
        var unsquashfs = ExecutableSearch.Find("unsquashfs", context.Environment("PATH"))
            ?? throw new BuildException("unsquashfs not found on PATH; install squashfs-tools (Debian/Ubuntu: apt install squashfs-tools)");
        context.Runner.Run(new ToolCommand($"unpacking {image}",
        [
            unsquashfs, "-f", "-n", "-q", "-no-xattrs", "-p", config.Processors.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-d", context.InstallTree, image,
        ]));
    }
}
