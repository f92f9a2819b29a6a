using Tykky.Builder.Inspection;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>Reads what an update keeps of the installation it updates.</summary>
public static class ExistingInstallation
{
    private const string CannotUpdate = "the installation cannot be updated, create a new one";

    /// <summary>
    /// The installation's id, kept by an update: the image records it too (<see cref="InstallationLayout.ImageIdFile"/>),
    /// and the launcher tells its own image from another by it, also while programs of the old image still run.
    /// </summary>
    public static string Id(string prefix) =>
        InstallationInspector.ReadManifest(prefix, CannotUpdate).InstallationId is { Length: > 0 } id
            ? id
            : throw new BuildException($"Manifest '{Path.Join(prefix, InstallationLayout.ManifestFileName)}' names no installationId; {CannotUpdate}");
}
