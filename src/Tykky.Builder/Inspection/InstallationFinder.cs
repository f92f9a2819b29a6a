namespace Tykky.Builder.Inspection;

/// <summary>An installation found on TYKKY_PATH.</summary>
/// <param name="Name">Its directory's name (what <c>tykky activate NAME</c> takes).</param>
/// <param name="Prefix">Its directory.</param>
/// <param name="Maker">Which tool made it.</param>
public sealed record FoundInstallation(string Name, string Prefix, InstallationMaker Maker);

/// <summary>
/// Finds installations by name the way <c>tykky activate</c> does (etc/profile.d/tykky.sh): in the
/// colon-separated TYKKY_PATH, default <c>~/.tykky</c>; for <c>tykky info NAME</c> the current
/// directory wins, as a relative path would.
/// </summary>
public static class InstallationFinder
{
    /// <summary>The directories searched: TYKKY_PATH's entries, or ~/.tykky when it is unset or empty.</summary>
    public static IReadOnlyList<string> SearchPath(Func<string, string?> environment) =>
        (environment("TYKKY_PATH") is { Length: > 0 } path ? path : Path.Join(environment("HOME") ?? "", ".tykky"))
            .Split(':', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Every installation directly inside a search path directory, directory by directory, names in order; each directory once.</summary>
    public static IReadOnlyList<FoundInstallation> FindAll(IReadOnlyList<string> searchPath)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return searchPath
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
            .Select(prefix => (Prefix: Path.GetFullPath(prefix), Maker: InstallationInspector.MakerOf(prefix)))
            .Where(found => found.Maker is not null && seen.Add(Native.PosixDirectories.Canonical(found.Prefix)))
            .Select(found => new FoundInstallation(Path.GetFileName(found.Prefix), found.Prefix, found.Maker!.Value))
            .ToArray();
    }

    /// <summary>
    /// The installation <paramref name="nameOrDirectory"/> names: a path (anything with a '/', or an
    /// installation in the current directory), else the first of that name on the search path; null when none.
    /// </summary>
    public static string? Locate(string nameOrDirectory, IReadOnlyList<string> searchPath)
    {
        var asPath = Path.GetFullPath(nameOrDirectory);
        if (nameOrDirectory.Contains('/') || nameOrDirectory is "." or ".." || InstallationInspector.MakerOf(asPath) is not null)
        {
            return asPath;
        }
        return searchPath.Select(directory => Path.GetFullPath(Path.Join(directory, nameOrDirectory)))
            .FirstOrDefault(prefix => InstallationInspector.MakerOf(prefix) is not null);
    }

    /// <summary>The installation <paramref name="target"/> names (see <see cref="Locate"/>); an error saying where it was looked for when none.</summary>
    public static string Require(string target, Func<string, string?> environment)
    {
        var searchPath = SearchPath(environment);
        return Locate(target, searchPath)
            ?? throw new BuildException($"No installation named '{target}' in the current directory or on TYKKY_PATH ({string.Join(":", searchPath)}); give its directory");
    }
}
