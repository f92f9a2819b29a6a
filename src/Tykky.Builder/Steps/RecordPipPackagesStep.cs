using Tykky.Builder.Config;
using Tykky.Builder.Locks;
using Tykky.Builder.Packages;

namespace Tykky.Builder.Steps;

/// <summary>
/// Records what the venv resolved to, for reproducing it: <c>share/pip-freeze.txt</c> (the packages
/// installed in the venv itself, <c>pip freeze --local</c>, or <c>uv pip freeze</c> for a uv venv,
/// which has no pip), and <c>share/pip-lock.txt</c>, the same pins with their hashes (<see cref="PipLock"/>).
/// </summary>
public sealed class RecordPipPackagesStep : IBuildStep
{
    /// <summary>The file in share/.</summary>
    public const string FileName = "pip-freeze.txt";

    /// <inheritdoc/>
    public string Description => "Recording the installed packages";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var venv = PackageLayout.EnvironmentRoot(config);
        IReadOnlyList<string> argv = config.Packages.UseUv
            ? [InstallUvStep.UvExecutable(config), "pip", "freeze", "--python", $"{venv}/bin/python"]
            : [$"{venv}/bin/python", "-m", "pip", "freeze", "--local", "--disable-pip-version-check"];
        var command = PackageShell.Command(context, "listing the installed packages", ShellSetup.None, argv) with { Live = false };
        var share = context.StagedShareDirectory();
        var freeze = context.Runner.Capture(command);
        File.WriteAllText(Path.Join(share, FileName), freeze);
        File.WriteAllText(Path.Join(share, PipLock.FileName), PipLock.Write(Modules.RecordedPackages.FromPipFreeze(freeze), PipReports.Known(context)));
    }
}
