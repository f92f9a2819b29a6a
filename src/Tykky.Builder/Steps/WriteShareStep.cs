using Tykky.Builder.Config;

namespace Tykky.Builder.Steps;

/// <summary>Records <c>share/conf.yaml</c> (effective config), <c>share/VERSION.yml</c> and <c>share/previous_input/</c> beside the image.</summary>
public sealed class WriteShareStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Recording the build in share/";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var share = context.StagedShareDirectory();
        File.WriteAllText(Path.Join(share, "conf.yaml"), ConfigYamlWriter.ToYaml(context.Config.Effective));
        File.WriteAllText(Path.Join(share, "VERSION.yml"),
            $"tool: tykky\nversion: {ToolVersion.Current}\nbuild_time: {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}\n" +
            $"runtime: {context.Runtime.Kind.ToString().ToLowerInvariant()}\nruntime_version: \"{context.Runtime.Version}\"\n");
        CopyTree(Path.Join(context.InstallTree, RecordInputsStep.PreviousInputDirectory), Path.Join(share, "previous_input"));
    }

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            CopyTree(directory, Path.Join(target, Path.GetFileName(directory)));
        }
        foreach (var file in Directory.EnumerateFiles(source))
        {
            Native.UmaskedCopy.Copy(file, Path.Join(target, Path.GetFileName(file)));
        }
    }
}
