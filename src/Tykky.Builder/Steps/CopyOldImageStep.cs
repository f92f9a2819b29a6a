using Tykky.Builder.Processes;

namespace Tykky.Builder.Steps;

/// <summary>
/// update: the installation's current image is the starting point. Its contents are unpacked into the
/// install tree with unsquashfs (no mount and no runtime needed, so it works the same for every
/// runtime). The old image stays in its generation, in use, while the new generation is built beside it.
/// </summary>
public sealed class CopyOldImageStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Copying the current image into the build";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        new Unsquashfs(context.Runner, Unsquashfs.Find(context.Environment("PATH")))
            .Extract(Path.Join(context.InstalledGeneration ?? config.InstallationPrefix, config.SqfsImage), context.InstallTree, config.Processors);
    }
}
