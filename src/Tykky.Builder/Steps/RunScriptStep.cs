using Tykky.Builder.Config;

namespace Tykky.Builder.Steps;

/// <summary>
/// Runs the user's pre- or post-install snippets inside the container with bash -e, with
/// CW_INSTALLATION_PATH, install_root and env_root set, in the configured workdir. The script lives in
/// the install tree while it runs, so it is reachable in isolated containers too.
/// </summary>
public sealed class RunScriptStep(string phase, IReadOnlyList<ScriptPart> parts) : IBuildStep
{
    /// <inheritdoc/>
    public string Description => $"Running the {phase.Replace('_', '-')} script";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var script = string.Concat(parts.Select(part => part.File is { } file ? File.ReadAllText(file) + "\n" : part.Text + "\n"));
        var relative = $".tykky/build/{phase}.sh";
        var onHost = Path.Join(context.InstallTree, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(onHost)!);
        File.WriteAllText(onHost, "#!/bin/bash\n" + script);
        try
        {
            context.Runner.Run(Sandbox.Command(context, $"the {phase.Replace('_', '-')} script", ["bash", "-e", $"{context.Config.InstallationPath}/{relative}"]));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(onHost)!, recursive: true);
        }
    }
}
