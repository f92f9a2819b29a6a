using Tykky.Builder.Config;

namespace Tykky.Builder.Steps;

/// <summary>
/// Runs the user's pre- or post-install snippets inside the container with bash -e, with
/// CW_INSTALLATION_PATH, install_root and env_root set, in the configured workdir. The script lives in
/// the install tree while it runs, so it is reachable in isolated containers too. A
/// <paramref name="prelude"/> (bash) runs first: pip-containerize activates the venv and
/// conda-containerize the conda environment, so that <c>pip install</c> or <c>conda install</c> in a
/// post-install script change the installation (upstream templates/venv.sh, conda.sh).
/// </summary>
public sealed class RunScriptStep(string phase, IReadOnlyList<ScriptPart> parts, string prelude = "", IReadOnlyDictionary<string, string?>? environment = null) : IBuildStep
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
        File.WriteAllText(onHost, "#!/bin/bash\n" + (prelude.Length > 0 ? prelude + "\n" : "") + script);
        try
        {
            var command = Sandbox.Command(context, $"the {phase.Replace('_', '-')} script", ["bash", "-e", $"{context.Config.InstallationPath}/{relative}"]);
            context.Runner.Run(command with { Environment = Sandbox.Merge(command.Environment, environment), Live = true });
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(onHost)!, recursive: true);
        }
    }
}
