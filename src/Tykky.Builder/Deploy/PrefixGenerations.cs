using System.Globalization;
using Tykky.Builder.Native;
using Tykky.Builder.Reporting;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Deploy;

/// <summary>
/// The generational layout of one prefix on disk (see <see cref="InstallationLayout"/>): which
/// generation is current, the stable links, the switch, the conversion of the flat layout.
/// </summary>
/// <param name="Prefix">The installation prefix.</param>
public sealed record PrefixGenerations(string Prefix)
{
    /// <summary><c>&lt;prefix&gt;/generations</c>.</summary>
    public string Directory => Path.Join(Prefix, InstallationLayout.GenerationsDirectory);

    /// <summary>The path of generation <paramref name="number"/>.</summary>
    public string PathOf(int number) => Path.Join(Directory, number.ToString(CultureInfo.InvariantCulture));

    /// <summary>The current generation, or null when there is none (a new prefix, or the flat layout).</summary>
    public int? Current => GenerationNames.Current(LinkTarget(Path.Join(Prefix, InstallationLayout.BinDirectory)), LinkTarget(Path.Join(Prefix, InstallationLayout.CurrentLink)));

    /// <summary>The numbers used by complete generations and staging directories.</summary>
    public IReadOnlyList<int> Taken() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateDirectories(Directory).Select(Path.GetFileName).OfType<string>()
                .Select(name => GenerationNames.Complete(name) ?? GenerationNames.Staging(name)).OfType<int>().ToArray()
            : [];

    /// <summary>
    /// Throws when <c>new</c> cannot build here: the prefix may hold only what a dead build leaves
    /// (the lock file, <c>generations/</c> with staging or never-switched generations, stable links
    /// that lead nowhere because there is no switch link <c>bin</c>).
    /// </summary>
    /// <param name="updateHint">What to do about an installation already there, e.g. " (to change it: pip-containerize update PREFIX)".</param>
    public void CheckNewInstallation(string updateHint)
    {
        if (NewInstallationProblem(updateHint) is { } problem)
        {
            throw new BuildException($"Installation prefix '{Prefix}' {problem}; choose a new or empty directory with --prefix");
        }
    }

    private string? NewInstallationProblem(string updateHint)
    {
        var entries = System.IO.Directory.EnumerateFileSystemEntries(Prefix).Select(path => (Name: Path.GetFileName(path), Target: LinkTarget(path))).ToArray();
        if (Current is not null || entries.Any(e => e.Name == InstallationLayout.ManifestFileName && !GenerationNames.IsStableLink(e.Name, e.Target)))
        {
            return "already holds a Tykky installation" + updateHint;
        }
        var foreign = entries.Where(e => e.Name is not (InstallationLayout.LockFileName or InstallationLayout.GenerationsDirectory)
            && !GenerationNames.IsStableLink(e.Name, e.Target) && !GenerationNames.IsSwitchLink(e.Name));
        var foreignGenerations = System.IO.Directory.Exists(Directory)
            && System.IO.Directory.EnumerateFileSystemEntries(Directory).Select(Path.GetFileName).OfType<string>()
                .Any(name => GenerationNames.Staging(name) is null && !(GenerationNames.Complete(name) is not null && File.Exists(Path.Join(Directory, name, InstallationLayout.ManifestFileName))));
        return foreign.Any() || foreignGenerations ? "is not empty" : null;
    }

    /// <summary>The entries of <paramref name="layoutEntries"/> that are still files of the flat layout in the prefix itself.</summary>
    public IReadOnlyList<string> FlatEntries(IEnumerable<string> layoutEntries) =>
        layoutEntries.Distinct(StringComparer.Ordinal).Where(name => IsFlatEntry(Path.Join(Prefix, name), name)).ToArray();

    /// <summary>
    /// Moves an installation of the flat layout into generation 0, entry by entry, each replaced by
    /// its stable link, through a <c>current</c> that leads to generation 0 itself until <c>bin/</c>,
    /// the last to move, is switched. Not atomic: a launch during these renames may fail. Resumable: a
    /// rerun after a kill moves what is left. The launcher and then bin/ go last, so that wrappers find a
    /// complete installation through either layout until then.
    /// </summary>
    public void ConvertFlat(IReadOnlyList<string> flatEntries, Reporter reporter)
    {
        reporter.Warning($"{Prefix} has the layout of an earlier Tykky; moving it into {PathOf(0)} first (not atomic: a program started during these few renames may fail)");
        var generation = System.IO.Directory.CreateDirectory(PathOf(0)).FullName;
        if (Current is null)
        {
            ReplaceLink(InstallationLayout.CurrentLink, GenerationNames.GenerationTarget(0), 0);
        }
        var order = flatEntries.OrderBy(name => name switch
        {
            InstallationLayout.BinDirectory => 2,
            InstallationLayout.LauncherFileName => 1,
            _ => 0,
        });
        foreach (var name in order)
        {
            PosixCalls.Rename(Path.Join(Prefix, name), Path.Join(generation, name));
            if (name == InstallationLayout.BinDirectory)
            {
                Switch(0);
            }
            else
            {
                File.CreateSymbolicLink(Path.Join(Prefix, name), InstallationLayout.StableLinkTarget(name));
            }
        }
    }

    /// <summary>Creates <c>generations/.staging-N</c> for the next generation, with the owner recorded.</summary>
    public (int Number, string Path) CreateStaging()
    {
        var number = GenerationNames.Next(Taken());
        var staging = Path.Join(Directory, GenerationNames.StagingName(number));
        System.IO.Directory.CreateDirectory(Directory);
        System.IO.Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Join(staging, BuildOwner.FileName), BuildOwner.Current.ToText());
        return (number, staging);
    }

    /// <summary>Renames a complete staging directory to generation <paramref name="number"/> (not yet current).</summary>
    public string Complete(string staging, int number)
    {
        File.Delete(Path.Join(staging, BuildOwner.FileName));
        PosixCalls.Rename(staging, PathOf(number));
        return PathOf(number);
    }

    /// <summary>
    /// Creates the stable link <c>&lt;prefix&gt;/NAME → current/NAME</c> for each entry of the generation
    /// that has none but <c>bin</c> (the switch link), and <c>current → bin/..</c> when there is no
    /// <c>current</c> (a link whose target does not exist yet is harmless); returns those created.
    /// </summary>
    public IReadOnlyList<string> LinkEntries(string generation)
    {
        var created = new List<string>();
        var links = EntriesOf(generation).Where(name => name != InstallationLayout.BinDirectory)
            .Select(name => (Name: name, Target: InstallationLayout.StableLinkTarget(name)))
            .Append((Name: InstallationLayout.CurrentLink, Target: GenerationNames.CurrentTarget));
        foreach (var (name, wanted) in links)
        {
            var link = Path.Join(Prefix, name);
            var target = LinkTarget(link);
            if (GenerationNames.IsStableLink(name, target))
            {
                continue;
            }
            if (target is not null || File.Exists(link) || System.IO.Directory.Exists(link))
            {
                throw new BuildException($"'{link}' is in the way of the installation's link {name} -> {wanted}; move it out of the prefix and run the build again");
            }
            File.CreateSymbolicLink(link, wanted);
            created.Add(link);
        }
        return created;
    }

    /// <summary>
    /// The one atomic step: a new link <c>bin → generations/N/bin</c> renamed over <c>bin</c>, which
    /// <c>current</c> follows. An installation of an earlier layout (or one just converted) has a
    /// <c>current</c> that leads to the generation itself: it is made <c>bin/..</c> right after, once.
    /// </summary>
    public void Switch(int number)
    {
        ReplaceLink(InstallationLayout.BinDirectory, GenerationNames.SwitchTarget(number), number);
        if (LinkTarget(Path.Join(Prefix, InstallationLayout.CurrentLink)) != GenerationNames.CurrentTarget)
        {
            ReplaceLink(InstallationLayout.CurrentLink, GenerationNames.CurrentTarget, number);
        }
    }

    /// <summary>Replaces the prefix's link <paramref name="name"/> by one to <paramref name="target"/>: made beside it, then renamed over it.</summary>
    private void ReplaceLink(string name, string target, int number)
    {
        var temporary = Path.Join(Prefix, GenerationNames.SwitchLinkName(name, number));
        if (LinkTarget(temporary) is not null)
        {
            File.Delete(temporary); // left by a build killed between these two calls
        }
        File.CreateSymbolicLink(temporary, target);
        PosixCalls.Rename(temporary, Path.Join(Prefix, name));
    }

    /// <summary>Removes stable links to entries the current generation does not have (a later build dropped them).</summary>
    public void RemoveDanglingLinks(string generation, Reporter reporter)
    {
        var present = EntriesOf(generation).Append(InstallationLayout.CurrentLink).ToHashSet(StringComparer.Ordinal);
        foreach (var path in System.IO.Directory.EnumerateFileSystemEntries(Prefix))
        {
            var name = Path.GetFileName(path);
            if (GenerationNames.IsStableLink(name, LinkTarget(path)) && !present.Contains(name))
            {
                TreeRemoval.RemoveQuietly(path, reporter);
            }
        }
    }

    /// <summary>Removes every stable link and switch link (before a new installation, when they lead nowhere: there is no switch link <c>bin</c>).</summary>
    public void RemoveStableLinks(Reporter reporter)
    {
        foreach (var path in System.IO.Directory.EnumerateFileSystemEntries(Prefix)
            .Where(path => GenerationNames.IsStableLink(Path.GetFileName(path), LinkTarget(path)) || GenerationNames.IsSwitchLink(Path.GetFileName(path))))
        {
            TreeRemoval.RemoveQuietly(path, reporter);
        }
    }

    /// <summary>The entries of a generation that get stable links (all but the owner record).</summary>
    private static IEnumerable<string> EntriesOf(string generation) =>
        System.IO.Directory.EnumerateFileSystemEntries(generation).Select(Path.GetFileName).OfType<string>()
            .Where(name => name != BuildOwner.FileName).Order(StringComparer.Ordinal);

    private static bool IsFlatEntry(string path, string name)
    {
        var target = LinkTarget(path);
        return !GenerationNames.IsStableLink(name, target) && (target is not null || File.Exists(path) || System.IO.Directory.Exists(path));
    }

    private static string? LinkTarget(string path) => new FileInfo(path).LinkTarget;
}
