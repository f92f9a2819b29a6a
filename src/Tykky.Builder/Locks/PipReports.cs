using Tykky.Builder.Steps;

namespace Tykky.Builder.Locks;

/// <summary>The hashed pip packages a build knows of: the installation's earlier lock (an update) and this build's pip install reports, later ones winning.</summary>
public static class PipReports
{
    /// <summary>Everything <paramref name="context"/>'s build and the installation before it recorded.</summary>
    public static IReadOnlyList<HashedPackage> Known(BuildContext context)
    {
        var known = new List<HashedPackage>();
        var earlier = Path.Join(context.Config.InstallationPrefix, "share", PipLock.FileName);
        if (context.Config.UpdateInstallation && File.Exists(earlier))
        {
            known.AddRange(PipLock.FromLock(File.ReadAllText(earlier)));
        }
        var reports = Path.Join(context.BuildDirectory, PipInstallStep.ReportDirectory);
        foreach (var report in Directory.Exists(reports) ? Directory.GetFiles(reports).OrderBy(File.GetLastWriteTimeUtc) : Enumerable.Empty<string>())
        {
            known.AddRange(PipLock.FromReport(File.ReadAllText(report)));
        }
        return known;
    }
}
