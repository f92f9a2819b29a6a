namespace Tykky.Builder.Config;

/// <summary>
/// Combines a site config with the user's settings, exactly in upstream's order (construct.py):
/// defaults, then prepends, then the user's keys (a prepended key gets the site list first), then
/// appends, then force.
/// </summary>
public static class ConfigMerger
{
    /// <summary>The effective configuration. Pure.</summary>
    public static ConfigMap Merge(SiteConfig site, ConfigMap user)
    {
        var merged = site.Defaults.WithAll(site.Prepends);
        foreach (var (key, value) in user.Entries)
        {
            merged = merged.With(key, site.Prepends.Get(key) is { } first ? Concatenate(first, value) : value);
        }
        foreach (var (key, value) in site.Appends.Entries)
        {
            merged = merged.With(key, merged.Get(key) is { } current ? Concatenate(current, value) : value);
        }
        return merged.WithAll(site.Force);
    }

    private static ConfigList Concatenate(ConfigNode first, ConfigNode second) =>
        new([.. Items(first), .. Items(second)], second.Origin);

    private static IEnumerable<ConfigNode> Items(ConfigNode node) => node switch
    {
        ConfigList list => list.Items,
        ConfigScalar { Value: "" } => [],
        _ => [node],
    };
}
