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
        File.WriteAllText(Path.Join(share, PipLock.FileName), PipLock.Write(freeze, KnownHashes(context)));
    }

    /// <summary>The hashes of this build's pip reports and, for an update, of the installation's lock.</summary>
    private static Dictionary<string, string> KnownHashes(BuildContext context)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var earlier = Path.Join(context.Config.InstallationPrefix, "share", PipLock.FileName);
        if (context.Config.UpdateInstallation && File.Exists(earlier))
        {
            hashes = PipLock.FromLock(File.ReadAllText(earlier)).ToDictionary(StringComparer.Ordinal);
        }
        var reports = Path.Join(context.BuildDirectory, PipInstallStep.ReportDirectory);
        foreach (var report in Directory.Exists(reports) ? Directory.GetFiles(reports) : [])
        {
            foreach (var (key, hash) in PipLock.FromReport(File.ReadAllText(report)))
            {
                hashes[key] = hash;
            }
        }
        return hashes;
    }
}
