using Tykky.Builder.Config;
using Tykky.Builder.Locks;
using Tykky.Builder.Packages;

namespace Tykky.Builder.Steps;

/// <summary>
/// Records the conda environment's packages: a <c>list-packages</c> program in the environment's bin/
/// that prints <c>conda list</c> as of the build (upstream templates/conda.sh; it gets a wrapper like
/// every program there), and <c>share/conda-explicit.txt</c> (<c>conda list --explicit --md5</c>: each URL with its hash, which conda checks), from which
/// <c>conda create --file</c> rebuilds the same environment, and <c>share/pip-lock.txt</c> for the pip
/// packages installed into it (from pip's install reports).
/// </summary>
public sealed class RecordCondaPackagesStep : IBuildStep
{
    /// <summary>The file in share/.</summary>
    public const string ExplicitFileName = "conda-explicit.txt";

    /// <inheritdoc/>
    public string Description => "Recording the installed packages";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var environment = PackageLayout.EnvironmentRoot(config);
        var bin = context.OnHost($"{environment}/bin");
        if (!Directory.Exists(bin))
        {
            context.Reporter.Warning($"The conda environment {environment} is empty (it has no bin/): no programs get wrappers");
            return;
        }
        var list = List(context, environment, []);
        File.WriteAllText(Path.Join(bin, "list-packages"), ListPackagesScript(list));
        File.SetUnixFileMode(Path.Join(bin, "list-packages"), (UnixFileMode)Convert.ToInt32("755", 8));
        var share = context.StagedShareDirectory();
        File.WriteAllText(Path.Join(share, ExplicitFileName), List(context, environment, ["--explicit", "--md5"]));
        // conda's explicit spec leaves out what pip installed into the environment; pip's reports have it.
        if (PipReports.Known(context) is { Count: > 0 } pipPackages)
        {
            File.WriteAllText(Path.Join(share, PipLock.FileName), PipLock.Write(PipLock.PinsOf(pipPackages), pipPackages));
        }
    }

    /// <summary>A shell script printing <paramref name="list"/> verbatim (a quoted here-document: nothing in it is expanded). Pure.</summary>
    public static string ListPackagesScript(string list)
    {
        var delimiter = "TYKKY_PACKAGE_LIST";
        while (list.Split('\n').Contains(delimiter))
        {
            delimiter += "_";
        }
        return $"#!/bin/sh\ncat <<'{delimiter}'\n{list.TrimEnd('\n')}\n{delimiter}\n";
    }

    private static string List(BuildContext context, string environment, IReadOnlyList<string> options)
    {
        var conda = PackageLayout.CondaExecutable(context.Config.InstallationPath);
        var command = PackageShell.Command(context, "listing the conda environment's packages", ShellSetup.None, [conda, "list", "--prefix", environment, .. options]);
        return context.Runner.Capture(command with { Live = false });
    }
}
