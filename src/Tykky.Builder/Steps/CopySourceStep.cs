using Tykky.Builder.Processes;

namespace Tykky.Builder.Steps;

/// <summary>
/// wrap-install: copies the installation on disk into the install tree (cp -a: links copied as links,
/// also those pointing out of the tree, modes and times kept; -x: other mounts inside left out as empty
/// directories unless wrap_cross_mounts). <see cref="WrapSourcePreflight"/> has checked what it holds.
/// </summary>
public sealed class CopySourceStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Copying the installation into the image tree";

    /// <inheritdoc/>
    public void Run(BuildContext context) =>
        context.Runner.Run(new ToolCommand("copying the installation",
            ["cp", "-a", .. context.Config.WrapCrossMounts ? Array.Empty<string>() : ["--one-file-system"], "--", context.Config.WrapSource! + "/.", context.InstallTree + "/"]));
}
