using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tykky.Builder.Config;

/// <summary>Reads YAML into <see cref="ConfigNode"/>s through YamlDotNet's representation model (no reflection, AOT-safe).</summary>
public static class YamlConfigReader
{
    /// <summary>Reads a YAML file whose top level is a mapping (an empty file is an empty mapping).</summary>
    public static ConfigMap ReadFile(string path, string purpose)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException($"Cannot read {purpose} '{path}': {e.Message.TrimEnd('.')}");
        }
        return Parse(text, path, purpose);
    }

    /// <summary>Parses YAML text; <paramref name="path"/> names it in errors.</summary>
    public static ConfigMap Parse(string text, string path, string purpose)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new BuildException($"{purpose} '{path}' is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}");
        }
        if (stream.Documents.Count == 0)
        {
            return ConfigMap.Empty(path);
        }
        return Convert(stream.Documents[0].RootNode, path) switch
        {
            ConfigMap map => map,
            ConfigScalar { Value: "" } => ConfigMap.Empty(path),
            var other => throw new BuildException($"{purpose} '{path}' must be a mapping of keys to values (line {LineOf(other)})"),
        };
    }

    private static ConfigNode Convert(YamlNode node, string path)
    {
        var origin = $"{path}:{node.Start.Line}";
        return node switch
        {
            YamlScalarNode scalar => new ConfigScalar(scalar.Value is null || IsNull(scalar) ? "" : scalar.Value, origin),
            YamlSequenceNode sequence => new ConfigList(sequence.Children.Select(c => Convert(c, path)).ToArray(), origin),
            YamlMappingNode mapping => new ConfigMap(mapping.Children.Select(c => new KeyValuePair<string, ConfigNode>(KeyOf(c.Key, path), Convert(c.Value, path))).ToArray(), origin),
            _ => throw new BuildException($"'{path}' line {node.Start.Line}: unsupported YAML node (aliases are not supported)"),
        };
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "~" or "null" or "Null" or "NULL";

    private static string KeyOf(YamlNode key, string path) =>
        key is YamlScalarNode { Value: { } name } ? name : throw new BuildException($"'{path}' line {key.Start.Line}: keys must be plain names");

    private static string LineOf(ConfigNode node) => node.Origin[(node.Origin.LastIndexOf(':') + 1)..];
}
