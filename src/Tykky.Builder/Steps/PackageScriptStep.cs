using Tykky.Builder.Config;
using Tykky.Builder.Packages;

namespace Tykky.Builder.Steps;

/// <summary>
/// A pre- or post-install script of a pip or conda build: <see cref="RunScriptStep"/> with the
/// environment activated (post-install) or conda's shell functions loaded (conda pre-install), and the
/// build's package-manager variables, so that <c>pip install</c> or <c>conda install</c> in the script
/// change the installation.
/// </summary>
public sealed class PackageScriptStep(string phase, IReadOnlyList<ScriptPart> parts, ShellSetup setup) : IBuildStep
{
    /// <inheritdoc/>
    public string Description => $"Running the {phase.Replace('_', '-')} script";

    /// <inheritdoc/>
    public void Run(BuildContext context) =>
        new RunScriptStep(phase, parts, PackageShell.Prelude(context.Config.Mode, setup), PackageShell.Variables(context)).Run(context);
}
