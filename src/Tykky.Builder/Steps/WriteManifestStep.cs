using System.Text.Json;
using Tykky.Builder.Config;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>Writes the manifest and, when launches share a mount, copies the keeper joiner and squashfuse-noopen into the staged installation (it is self-contained; <see cref="CreateWrappersStep"/> copies the launcher).</summary>
public sealed class WriteManifestStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Writing the manifest";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var files = context.FilesInside;
        var libraries = config.AddLd ? ProgramDirectories.Libraries(config.WrapperPaths, files) : [];
        var environment = LaunchEnvironment.From(libraries, config.ExtraEnvs);
        if (ProgramDirectories.SearchPath(config.Isolate, config.WrapperPaths, files) is { } searchPath)
        {
            environment = [searchPath, .. environment];
        }
        // wrap-container has no image of its own: its programs are the container's.
        var image = config.Mode == BuildMode.WrapContainer ? null : new ImageSpec { Path = config.SqfsImage };
        var manifest = ManifestFactory.Create(context, image, context.Container, environment, context.Programs);
        File.WriteAllBytes(Path.Join(context.StagingDirectory, InstallationLayout.ManifestFileName),
            JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.InstallationManifest));
        if (manifest.SharedMount is not null)
        {
            Native.UmaskedCopy.Copy(context.Tool.Joiner, Path.Join(context.StagingDirectory, InstallationLayout.JoinerFileName));
            Native.UmaskedCopy.Copy(context.Tool.SquashfuseNoOpen, Path.Join(context.StagingDirectory, InstallationLayout.SquashfuseNoOpenFileName));
        }
    }
}
