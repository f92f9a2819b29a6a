using YamlDotNet.RepresentationModel;

namespace Tykky.Builder.Config;

/// <summary>Writes a configuration as YAML (share/conf.yaml), through YamlDotNet's representation model.</summary>
public static class ConfigYamlWriter
{
    /// <summary>The YAML text of <paramref name="config"/>.</summary>
    public static string ToYaml(ConfigMap config)
    {
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(ToYamlNode(config))).Save(writer, assignAnchors: false);
        return writer.ToString().TrimEnd('.', '\n', ' ') + "\n";
    }

    private static YamlNode ToYamlNode(ConfigNode node) => node switch
    {
        ConfigScalar scalar => new YamlScalarNode(scalar.Value),
        ConfigList list => new YamlSequenceNode(list.Items.Select(ToYamlNode)),
        ConfigMap map => new YamlMappingNode(map.Entries.Select(e => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(e.Key), ToYamlNode(e.Value)))),
        _ => throw new System.Diagnostics.UnreachableException($"config node {node.GetType().Name}"),
    };
}
