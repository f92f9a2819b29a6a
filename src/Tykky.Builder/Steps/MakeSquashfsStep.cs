using Tykky.Builder.Processes;

namespace Tykky.Builder.Steps;

/// <summary>Packs the install tree into the squashfs image, in the staging directory.</summary>
public sealed class MakeSquashfsStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Creating the squashfs image";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var image = Path.Join(context.StagingDirectory, config.SqfsImage);
        context.Runner.Run(new ToolCommand("creating the squashfs image",
        [
            context.Mksquashfs, context.InstallTree, image,
            "-processors", config.Processors.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-no-progress", .. config.SqfsOptions,
        ]));
    }
}
