using Tykky.Launcher.Manifest;

namespace Tykky.Launcher.Planning;

/// <summary>Pure environment decisions: cleaning what leaked from a container, applying the manifest's changes.</summary>
internal static class EnvironmentPlanner
{
    /// <summary>
    /// The caller's environment without runtime state leaked from an enclosing container: the stale
    /// variables of both families and the APPTAINERENV_/SINGULARITYENV_ forms of the variables this
    /// launch passes itself (<paramref name="passedVariables"/>), which a later launch would otherwise inherit.
    /// </summary>
    public static EnvironmentVariables WithoutStaleRuntimeState(EnvironmentVariables caller, IEnumerable<string> passedVariables)
    {
        var ownForms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in passedVariables)
        {
            foreach (var prefix in EnvironmentNames.PassingPrefixes)
            {
                ownForms.Add(prefix + name);
            }
        }
        var cleaned = caller.Without(name => EnvironmentNames.StaleRuntimeVariables.Contains(name) || ownForms.Contains(name));
        var libraryPath = cleaned.Get(EnvironmentNames.LdLibraryPath);
        if (libraryPath is null)
        {
            return cleaned;
        }
        var kept = new List<string>();
        foreach (var directory in libraryPath.Split(':'))
        {
            if (directory != EnvironmentNames.ApptainerLibraryDirectory)
            {
                kept.Add(directory);
            }
        }
        return kept.TrueForAll(d => d.Length == 0)
            ? cleaned.Without(EnvironmentNames.LdLibraryPath)
            : cleaned.With(EnvironmentNames.LdLibraryPath, string.Join(':', kept));
    }

    /// <summary>The variables a launch passes into the container: PATH, LD_LIBRARY_PATH and those the manifest changes.</summary>
    public static IReadOnlyList<string> PassedVariables(IEnumerable<EnvironmentChange> changes)
    {
        List<string> names = [EnvironmentNames.Path, EnvironmentNames.LdLibraryPath];
        foreach (var change in changes)
        {
            if (!names.Contains(change.Name))
            {
                names.Add(change.Name);
            }
        }
        return names;
    }

    /// <summary>Joins search-path lists, dropping empty entries (an empty entry would mean the current directory).</summary>
    public static string JoinSearchPaths(params string?[] lists)
    {
        var entries = new List<string>();
        foreach (var list in lists)
        {
            foreach (var entry in (list ?? "").Split(':'))
            {
                if (entry.Length > 0)
                {
                    entries.Add(entry);
                }
            }
        }
        return string.Join(':', entries);
    }

    /// <summary>
    /// The environment the program sees inside. Host mode: the caller's, with the changes, the bin of
    /// the venv the wrapper was reached through kept first in PATH. Isolated: the caller's PATH and
    /// LD_LIBRARY_PATH mean nothing inside, so they are the venv's bin, the changes' additions and
    /// the container's defaults recorded at build time.
    /// </summary>
    public static EnvironmentVariables Inside(LaunchContext context, EnvironmentVariables cleaned, IReadOnlyList<EnvironmentChange> changes)
    {
        var venvBin = context.Host.VenvBinDirectory;
        if (!context.Manifest.Isolate)
        {
            var inside = Apply(cleaned, changes);
            return venvBin is not null && inside.Get(EnvironmentNames.Path) is { } path && path.Split(':').Contains(venvBin)
                ? inside.With(EnvironmentNames.Path, JoinSearchPaths(venvBin, string.Join(':', path.Split(':').Where(d => d != venvBin))))
                : inside;
        }
        var own = Apply(cleaned.Without(EnvironmentNames.Path).Without(EnvironmentNames.LdLibraryPath), changes);
        var container = context.Manifest.Container;
        var libraryPath = JoinSearchPaths(own.Get(EnvironmentNames.LdLibraryPath), container?.DefaultLdLibraryPath);
        var isolated = own.With(EnvironmentNames.Path, JoinSearchPaths(venvBin, own.Get(EnvironmentNames.Path), container?.DefaultPath ?? EnvironmentNames.StandardPath));
        return libraryPath.Length > 0 ? isolated.With(EnvironmentNames.LdLibraryPath, libraryPath) : isolated.Without(EnvironmentNames.LdLibraryPath);
    }

    /// <summary>Applies <paramref name="changes"/> in order; values may refer to variables set so far.</summary>
    public static EnvironmentVariables Apply(EnvironmentVariables environment, IEnumerable<EnvironmentChange> changes)
    {
        foreach (var change in changes)
        {
            var value = EnvironmentChangeRule.Apply(change, environment.Get(change.Name), environment.Get);
            environment = value is null ? environment.Without(change.Name) : environment.With(change.Name, value);
        }
        return environment;
    }
}
