using Tykky.Builder.Processes;

namespace Tykky.Builder.Steps;

/// <summary>
/// Isolated mode: records the container's own PATH and LD_LIBRARY_PATH, which the launcher appends
/// to what the installation adds (the caller's PATH means nothing inside an isolated container).
/// </summary>
public sealed class RecordContainerDefaultsStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Recording the container's default environment";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var container = context.Container ?? throw new InvalidOperationException("the container is fetched first");
        var output = context.Runner.Capture(new ToolCommand("reading the container's default PATH",
            [context.Runtime.Executable, "--silent", "exec", context.ContainerOnHost!, "/bin/sh", "-c", "printf '%s\\n%s\\n' \"$PATH\" \"$LD_LIBRARY_PATH\""])
        {
            Environment = new Dictionary<string, string?> { ["APPTAINERENV_PATH"] = null, ["SINGULARITYENV_PATH"] = null, ["APPTAINERENV_LD_LIBRARY_PATH"] = null, ["SINGULARITYENV_LD_LIBRARY_PATH"] = null },
        }).Split('\n');
        context.Container = container with
        {
            DefaultPath = output.Length > 0 && output[0].Length > 0 ? output[0] : null,
            DefaultLdLibraryPath = output.Length > 1 && output[1].Length > 0 ? output[1] : null,
        };
        context.Reporter.Debug($"Container default PATH: {context.Container.DefaultPath}; LD_LIBRARY_PATH: {context.Container.DefaultLdLibraryPath}");
    }
}
