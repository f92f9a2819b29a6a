using Tykky.Builder.Processes;

namespace Tykky.Builder.Steps;

/// <summary>wrap-install: copies the installation on disk into the install tree (cp -a: links, modes and times kept).</summary>
public sealed class CopySourceStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Copying the installation into the image tree";

    /// <inheritdoc/>
    public void Run(BuildContext context) =>
        context.Runner.Run(new ToolCommand("copying the installation", ["cp", "-a", "--", context.Config.WrapSource! + "/.", context.InstallTree + "/"]));
}
