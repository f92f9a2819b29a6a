using Tykky.Builder.Deploy;
using Tykky.Builder.Native;
using Tykky.Builder.Reporting;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>
/// The directories a build creates and what happens to them. The prefix is locked for the whole build;
/// the new installation is staged as a generation of its own in the prefix and made current by one
/// rename(2) of the <c>bin</c> link, so a kill at any moment leaves the old installation or the new
/// one. On failure or Ctrl-C nothing half-written stays in the prefix, and the build directory is
/// removed (kept with CW_DEBUG_KEEP_FILES). What dead builds left in the build base and the prefix is
/// removed when the session opens.
/// </summary>
public sealed class BuildSession : IDisposable
{
    /// <summary>What an installation of the flat layout has in its prefix (besides the image, container and venv entries, which are configured): a conversion moves them into its generation.</summary>
    public static readonly IReadOnlyList<string> FlatLayoutEntries =
        ["share", InstallationLayout.RealBinDirectory, InstallationLayout.ManifestFileName, InstallationLayout.JoinerFileName, InstallationLayout.SquashfuseNoOpenFileName, InstallationLayout.LauncherFileName, InstallationLayout.BinDirectory];

    private readonly Reporter _reporter;
    private readonly bool _keepOnFailure;
    private readonly bool _createdPrefix;
    private readonly PrefixLock _lock;
    private readonly PrefixGenerations _generations;
    private readonly int _number;
    private readonly List<string> _createdLinks = [];
    private string? _completed;
    private bool _switched;

    private BuildSession(string buildDirectory, (int Number, string Path) staging, PrefixGenerations generations, string? installed, bool createdPrefix, PrefixLock prefixLock, Reporter reporter, bool keepOnFailure)
    {
        BuildDirectory = buildDirectory;
        (_number, StagingDirectory) = staging;
        _generations = generations;
        InstalledGeneration = installed;
        _createdPrefix = createdPrefix;
        _lock = prefixLock;
        _reporter = reporter;
        _keepOnFailure = keepOnFailure;
    }

    /// <summary>The private build directory.</summary>
    public string BuildDirectory { get; }

    /// <summary>Where the installation is assembled: the next generation's staging directory in the prefix (same filesystem, prefix's group).</summary>
    public string StagingDirectory { get; }

    /// <summary>The installation prefix.</summary>
    public string Prefix => _generations.Prefix;

    /// <summary>For an update, the directory of the generation being updated (read once, under the lock); null for a new installation.</summary>
    public string? InstalledGeneration { get; }

    /// <summary>
    /// Locks <paramref name="prefix"/>, removes dead builds' leftovers, checks that a new installation
    /// may go there (or converts an update's flat layout, see <see cref="PrefixGenerations.ConvertFlat"/>),
    /// and creates the build directory under <paramref name="buildBase"/> and the staging generation.
    /// </summary>
    /// <param name="buildBase">The build directory base.</param>
    /// <param name="prefix">The installation prefix.</param>
    /// <param name="isUpdate">An update of the installation in <paramref name="prefix"/>.</param>
    /// <param name="updateHint">For a new installation, what to do about one already there (see <see cref="Preflight.UpdateHint"/>).</param>
    /// <param name="layoutEntries">The names an installation of the flat layout may have in its prefix.</param>
    /// <param name="reporter">Messages.</param>
    /// <param name="keepOnFailure">Keep the build directory of a failed build (CW_DEBUG_KEEP_FILES).</param>
    public static BuildSession Open(string buildBase, string prefix, bool isUpdate, string updateHint, IReadOnlyList<string> layoutEntries, Reporter reporter, bool keepOnFailure)
    {
        Directory.CreateDirectory(buildBase);
        BuildDebris.Remove(BuildDebris.InBuildBase(buildBase), reporter);
        var createdPrefix = !Directory.Exists(prefix);
        Directory.CreateDirectory(prefix);
        var generations = new PrefixGenerations(prefix);
        PrefixLock? prefixLock = null;
        string? buildDirectory = null;
        try
        {
            prefixLock = PrefixLock.Acquire(prefix, reporter);
            if (!isUpdate)
            {
                generations.CheckNewInstallation(updateHint);
                generations.RemoveStableLinks(reporter);
            }
            if (isUpdate && generations.FlatEntries(layoutEntries) is { Count: > 0 } flat)
            {
                generations.ConvertFlat(flat, reporter);
            }
            BuildDebris.Remove(BuildDebris.InPrefix(prefix, prefixLock.IsExclusive), reporter);
            var installed = isUpdate
                ? generations.PathOf(generations.Current ?? throw new BuildException($"'{prefix}' holds no Tykky installation to update (no {InstallationLayout.BinDirectory} link to one of its generations); give the prefix of an existing installation"))
                : null;
            buildDirectory = PosixDirectories.CreateUnique(buildBase, BuildDebris.OwnBuildDirectoryPrefix);
            var staging = generations.CreateStaging();
            reporter.Debug($"Build directory: {buildDirectory}; staging {staging.Path}");
            return new BuildSession(buildDirectory, staging, generations, installed, createdPrefix, prefixLock, reporter, keepOnFailure);
        }
        catch
        {
            if (buildDirectory is not null)
            {
                TreeRemoval.RemoveQuietly(buildDirectory, reporter);
            }
            RemoveEmptyGenerations(generations, reporter);
            prefixLock?.Dispose();
            RemoveIfCreatedAndEmpty(prefix, createdPrefix);
            throw;
        }
    }

    /// <summary>
    /// Deploys the staged generation: renamed to <c>generations/N</c>, stable links for its entries
    /// created where missing, then the switch of <c>bin</c>. After the switch, generations older
    /// than the previous one are removed (the previous one stays for launches that read its manifest).
    /// </summary>
    public void Deploy()
    {
        _completed = _generations.Complete(StagingDirectory, _number);
        _createdLinks.AddRange(_generations.LinkEntries(_completed));
        _generations.Switch(_number);
        _switched = true;
        _generations.RemoveDanglingLinks(_completed, _reporter);
        BuildDebris.Remove(BuildDebris.InPrefix(Prefix, _lock.IsExclusive), _reporter);
    }

    /// <summary>Removes what must not stay behind, then releases the prefix.</summary>
    public void Dispose()
    {
        if (!_switched)
        {
            TreeRemoval.RemoveQuietly(StagingDirectory, _reporter);
            if (_completed is not null)
            {
                TreeRemoval.RemoveQuietly(_completed, _reporter);
            }
            foreach (var link in _createdLinks)
            {
                TreeRemoval.RemoveQuietly(link, _reporter);
            }
            RemoveEmptyGenerations(_generations, _reporter);
        }
        if (!_switched && _keepOnFailure)
        {
            _reporter.Error($"Build files kept in {KeepBuildDirectory()} (CW_DEBUG_KEEP_FILES is set); remove them when done");
        }
        else
        {
            TreeRemoval.RemoveQuietly(BuildDirectory, _reporter);
        }
        _lock.Dispose();
        if (!_switched)
        {
            RemoveIfCreatedAndEmpty(Prefix, _createdPrefix);
        }
    }

    /// <summary>Renames the build directory to one without an owner in its name, which later builds leave alone.</summary>
    private string KeepBuildDirectory()
    {
        var kept = Path.Join(Path.GetDirectoryName(BuildDirectory), BuildDebris.BuildDirectoryPrefix + "kept-" + Path.GetFileName(BuildDirectory)[^6..]);
        try
        {
            PosixCalls.Rename(BuildDirectory, kept);
            return kept;
        }
        catch (IOException)
        {
            return BuildDirectory;
        }
    }

    private static void RemoveEmptyGenerations(PrefixGenerations generations, Reporter reporter)
    {
        if (Directory.Exists(generations.Directory) && !Directory.EnumerateFileSystemEntries(generations.Directory).Any())
        {
            TreeRemoval.RemoveQuietly(generations.Directory, reporter);
        }
    }

    private static void RemoveIfCreatedAndEmpty(string prefix, bool created)
    {
        if (created && Directory.Exists(prefix) && !Directory.EnumerateFileSystemEntries(prefix).Any())
        {
            Directory.Delete(prefix);
        }
    }
}
