using Tykky.Builder.Config;

namespace Tykky.Builder.Tests.Fixtures;

/// <summary>Configuration maps written as YAML, and a compact one-line rendering to compare them by.</summary>
internal static class Configs
{
    /// <summary>Parses YAML text as the file <paramref name="path"/>.</summary>
    public static ConfigMap Yaml(string text, string path = "user.yaml") => YamlConfigReader.Parse(text, path, "YAML file");

    /// <summary>A site config from YAML text.</summary>
    public static SiteConfig Site(string text) => SiteConfig.From(Yaml(text, "site.yaml"), "site.yaml");

    /// <summary>"key: value; list: [a, b]; map: {k: v}", in entry order (the outer map has no braces).</summary>
    public static string Render(ConfigNode node) => node is ConfigMap map ? RenderEntries(map) : RenderNested(node);

    private static string RenderNested(ConfigNode node) => node switch
    {
        ConfigScalar scalar => scalar.Value,
        ConfigList list => $"[{string.Join(", ", list.Items.Select(RenderNested))}]",
        ConfigMap map => $"{{{RenderEntries(map)}}}",
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static string RenderEntries(ConfigMap map) => string.Join("; ", map.Entries.Select(e => $"{e.Key}: {RenderNested(e.Value)}"));
}
