using System.Text.RegularExpressions;

namespace Tykky.Builder.Modules;

/// <summary>
/// Reads the package lists a build records in share/ (<c>pip freeze</c> lines, a conda explicit spec)
/// and picks the main packages for a module's help: those the build's input files name, else the
/// first ones. Pure.
/// </summary>
public static partial class RecordedPackages
{
    /// <summary>At most this many packages are named in help and whatis: a conda environment holds hundreds.</summary>
    public const int ShownLimit = 12;

    /// <summary>The packages of <c>pip freeze</c> output (<c>name==version</c>; editable and URL lines are skipped).</summary>
    public static IReadOnlyList<PackageVersion> FromPipFreeze(string text) =>
        Lines(text).Select(line => line.Split("==", 2)).Where(parts => parts.Length == 2 && !parts[0].Contains(' '))
            .Select(parts => new PackageVersion(parts[0], parts[1].Split(' ', 2)[0])).ToArray();

    /// <summary>The packages of a conda explicit spec: each URL's file name is <c>NAME-VERSION-BUILD.conda</c> (or .tar.bz2).</summary>
    public static IReadOnlyList<PackageVersion> FromCondaExplicit(string text) =>
        Lines(text).Where(line => line.Contains("://", StringComparison.Ordinal))
            .Select(line => CondaFileName().Match(line.Split('#', 2)[0]))
            .Where(match => match.Success).Select(match => new PackageVersion(match.Groups["name"].Value, match.Groups["version"].Value)).ToArray();

    /// <summary>
    /// The packages to show: those named in <paramref name="inputTexts"/> (requirement lines, list items of an
    /// environment file) in recorded order, or, when none are, the first ones; at most <see cref="ShownLimit"/>.
    /// </summary>
    public static IReadOnlyList<PackageVersion> MainPackages(IReadOnlyList<PackageVersion> recorded, IEnumerable<string> inputTexts)
    {
        var named = inputTexts.SelectMany(Lines).Select(line => RequestedName().Match(line)).Where(m => m.Success)
            .Select(m => PackageVersion.Normalize(m.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal);
        var requested = recorded.Where(p => named.Contains(PackageVersion.Normalize(p.Name))).ToArray();
        return (requested.Length > 0 ? requested : recorded).Take(ShownLimit).ToArray();
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));

    [GeneratedRegex(@"/(?<name>[^/]+)-(?<version>[^-/]+)-(?<build>[^-/]+)\.(conda|tar\.bz2)$")]
    private static partial Regex CondaFileName();

    /// <summary>A requirement line's name, or an environment file's list item (<c>- numpy=1.26</c>); options (<c>-r</c>, <c>--hash</c>) are not names.</summary>
    [GeneratedRegex(@"^(-\s+)?(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)")]
    private static partial Regex RequestedName();
}
