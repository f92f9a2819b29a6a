using Tykky.Builder.Packages;
using Tykky.Builder.Processes;

namespace Tykky.Builder.Steps;

/// <summary>
/// spack-containerize: copies the <c>spacktainer: files</c> of the environment file into the image
/// (cp -a: a directory with its contents, links and modes kept), as BlueBrain's Spacktainers put them
/// into their containers.
/// </summary>
public sealed class CopySpacktainerFilesStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Copying the spacktainer files into the image";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var files = config.Packages.EnvFile is { } given ? SpackEnvironmentFile.Read(given, config.InstallationPath).Files : [];
        foreach (var file in files)
        {
            var target = context.OnHost(file.Destination);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            context.Runner.Run(new ToolCommand($"copying {file.Source} to {file.Destination}", ["cp", "-a", "-T", "--", file.Source, target]));
        }
    }
}
