using Tykky.Builder.Reporting;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Deploy;

/// <summary>
/// Finds what dead builds left: <c>cw-*</c> build directories in a build base and staging or stale
/// generations in a prefix. A directory is removable when its owner ran on this host and is gone (pid
/// not running, or running with another start time) and it is the user's (writable: another user's
/// build directory is mode 0700). A build directory without an owner in its name is left alone (kept
/// with CW_DEBUG_KEEP_FILES, or made by an older Tykky).
/// </summary>
public static class BuildDebris
{
    /// <summary>Name prefix of build directories.</summary>
    public const string BuildDirectoryPrefix = "cw-";

    /// <summary>The name prefix of this process's build directories (mkdtemp adds the random part).</summary>
    public static string OwnBuildDirectoryPrefix => BuildDirectoryPrefix + BuildOwner.Current.ToNamePart();

    /// <summary>The build directories in <paramref name="buildBase"/> that no running build of this user owns.</summary>
    public static IReadOnlyList<Leftover> InBuildBase(string buildBase) =>
        Directory.Exists(buildBase)
            ? Directory.EnumerateDirectories(buildBase, BuildDirectoryPrefix + "*").Order(StringComparer.Ordinal)
                .Select(directory => Judge(directory, BuildOwner.FromName(Path.GetFileName(directory), BuildDirectoryPrefix), "build directory", ownerlessRemovable: false))
                .OfType<Leftover>().ToArray()
            : [];

    /// <summary>
    /// The staging directories and stale generations in <paramref name="prefix"/>. A staging directory
    /// without an owner was renamed by a build killed in the last step before its switch; with the
    /// prefix locked (<paramref name="locked"/>) no build is using it.
    /// </summary>
    public static IReadOnlyList<Leftover> InPrefix(string prefix, bool locked)
    {
        var generations = Path.Join(prefix, InstallationLayout.GenerationsDirectory);
        if (!Directory.Exists(generations))
        {
            return [];
        }
        var names = Directory.EnumerateDirectories(generations).Select(Path.GetFileName).OfType<string>().ToArray();
        var staging = names.Where(name => GenerationNames.Staging(name) is not null)
            .Select(name => Path.Join(generations, name))
            .Select(directory => Judge(directory, BuildOwner.ReadFrom(directory), "unfinished generation", ownerlessRemovable: locked));
        var current = new PrefixGenerations(prefix).Current;
        var complete = names.Select(GenerationNames.Complete).OfType<int>().ToArray();
        var stale = GenerationNames.Stale(complete, current)
            .Select(number => new Leftover(Path.Join(generations, number.ToString(System.Globalization.CultureInfo.InvariantCulture)), null,
                current is { } c && number > c ? "generation never switched to (its build was killed)" : "old generation", Removable: locked));
        return [.. staging.OfType<Leftover>(), .. stale];
    }

    /// <summary>Removes the removable <paramref name="leftovers"/>, saying so at debug level.</summary>
    public static void Remove(IEnumerable<Leftover> leftovers, Reporter reporter)
    {
        foreach (var leftover in leftovers.Where(l => l.Removable))
        {
            reporter.Debug($"Removing {leftover.Path} ({leftover.Why}{(leftover.Owner is { } owner ? $" of {owner.Describe()}, which is gone" : "")})");
            TreeRemoval.RemoveQuietly(leftover.Path, reporter);
        }
    }

    /// <summary>Null for a directory of a live build (or another user's); else the leftover.</summary>
    private static Leftover? Judge(string directory, BuildOwner? owner, string what, bool ownerlessRemovable)
    {
        var self = BuildOwner.Current;
        return owner switch
        {
            _ when !Native.PosixDirectories.IsWritable(directory) => null,
            null => new Leftover(directory, null, $"{what} with no owner recorded (kept with CW_DEBUG_KEEP_FILES, or made by an older Tykky)", ownerlessRemovable),
            _ when owner == self => null,
            _ when owner.IsDeadOn(self.Host, BuildOwner.StartTimeOf) => new Leftover(directory, owner, $"{what} of {owner.Describe()}, which is gone", Removable: true),
            _ when owner.Host != self.Host => new Leftover(directory, owner, $"{what} of {owner.Describe()} (cannot be checked from here)", Removable: false),
            _ => null,
        };
    }
}
