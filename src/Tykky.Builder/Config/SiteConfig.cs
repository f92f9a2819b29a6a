namespace Tykky.Builder.Config;

/// <summary>
/// A site's configuration file (<c>configs/*.yaml</c>): <c>defaults</c> apply unless the user sets the
/// key, <c>force</c> always wins, <c>prepends</c>/<c>appends</c> lists are combined with the user's.
/// </summary>
public sealed record SiteConfig(ConfigMap Defaults, ConfigMap Force, ConfigMap Prepends, ConfigMap Appends, string Path)
{
    private static readonly string[] Sections = ["defaults", "force", "prepends", "appends"];

    /// <summary>Reads a site config file.</summary>
    public static SiteConfig Load(string path) => From(YamlConfigReader.ReadFile(path, "site config"), path);

    /// <summary>Splits a parsed site config into its sections; missing or empty sections are empty.</summary>
    public static SiteConfig From(ConfigMap root, string path)
    {
        foreach (var (key, node) in root.Entries)
        {
            if (!Sections.Contains(key))
            {
                throw new BuildException($"Site config '{node.Origin}': unknown section '{key}'; the sections are {string.Join(", ", Sections)}");
            }
        }
        return new SiteConfig(Section(root, "defaults"), Section(root, "force"), Section(root, "prepends"), Section(root, "appends"), path);
    }

    private static ConfigMap Section(ConfigMap root, string name) => root.Get(name) switch
    {
        null or ConfigScalar { Value: "" } => ConfigMap.Empty($"{root.Origin}:{name}"),
        ConfigMap map => map,
        var other => throw new BuildException($"Site config '{other.Origin}': section '{name}' must be a mapping of keys to values"),
    };
}
