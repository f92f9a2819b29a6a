using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>Creates the install tree with the installation id inside, and the build sandbox.</summary>
public sealed class PrepareInstallTreeStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Preparing the build directory";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var idFile = Path.Join(context.InstallTree, InstallationLayout.ImageIdFile);
        Directory.CreateDirectory(Path.GetDirectoryName(idFile)!);
        File.WriteAllText(idFile, context.InstallationId + "\n");
        Sandbox.Create(context);
    }
}
