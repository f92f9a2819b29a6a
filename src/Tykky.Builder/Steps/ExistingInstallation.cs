using System.Text.Json;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>Reads what an update keeps of the installation it updates.</summary>
public static class ExistingInstallation
{
    /// <summary>
    /// The installation's id, kept by an update: the image records it too (<see cref="InstallationLayout.ImageIdFile"/>),
    /// and the launcher tells its own image from another by it, also while programs of the old image still run.
    /// </summary>
    public static string Id(string prefix)
    {
        var path = Path.Join(prefix, InstallationLayout.ManifestFileName);
        try
        {
            var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), ManifestJsonContext.Default.InstallationManifest);
            return manifest?.InstallationId is { Length: > 0 } id ? id : throw new JsonException("no installationId");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new BuildException($"Cannot read the installation's manifest '{path}': {e.Message}; the installation cannot be updated, create a new one");
        }
    }
}
