using YamlDotNet.Core;
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
        var text = writer.ToString();
        const string documentEnd = "...\n";
        return text.EndsWith(documentEnd, StringComparison.Ordinal) ? text[..^documentEnd.Length] : text;
    }

    /// <summary>Plain scalars YAML reads as null: written quoted so that the text survives.</summary>
    private static bool ReadsAsNull(string value) => value is "~" or "null" or "Null" or "NULL";

    private static YamlNode ToYamlNode(ConfigNode node) => node switch
    {
        ConfigScalar scalar => new YamlScalarNode(scalar.Value) { Style = ReadsAsNull(scalar.Value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any },
        ConfigList list => new YamlSequenceNode(list.Items.Select(ToYamlNode)),
        ConfigMap map => new YamlMappingNode(map.Entries.Select(e => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(e.Key), ToYamlNode(e.Value)))),
        _ => throw new System.Diagnostics.UnreachableException($"config node {node.GetType().Name}"),
    };
}
