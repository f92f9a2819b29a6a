using System.Text.Json;
using Tykky.Builder.Config;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>Writes the manifest and copies the static launcher into the staged installation (it is self-contained).</summary>
public sealed class WriteManifestStep : IBuildStep
{
    private static readonly string[] LibraryDirectoryNames = ["lib", "lib64"];

    /// <inheritdoc/>
    public string Description => "Writing the manifest";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var libraries = context.Config.AddLd ? LibraryDirectories(context) : [];
        var environment = LaunchEnvironment.From(libraries, context.Config.ExtraEnvs);
        var manifest = ManifestFactory.Create(context, new ImageSpec { Path = context.Config.SqfsImage }, context.Container, environment);
        File.WriteAllBytes(Path.Join(context.StagingDirectory, InstallationLayout.ManifestFileName),
            JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.InstallationManifest));
        Native.UmaskedCopy.Copy(context.Tool.Launcher, Path.Join(context.StagingDirectory, InstallationLayout.LauncherFileName));
    }

    /// <summary>add_ld: the lib and lib64 directories beside each wrapper directory (upstream: <c>$wrapper_path/../lib*</c>).</summary>
    private static IReadOnlyList<string> LibraryDirectories(BuildContext context) =>
        context.Config.WrapperPaths
            .Select(p => Path.GetDirectoryName(p.TrimEnd('/')) ?? "/")
            .SelectMany(parent => LibraryDirectoryNames.Select(name => Path.Join(parent, name)))
            .Where(directory => Directory.Exists(context.OnHost(directory)))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
}
