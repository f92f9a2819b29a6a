using System.Globalization;

namespace Tykky.Builder.Config;

/// <summary>Typed reads of an effective configuration; every error names the key and where it was set.</summary>
public sealed class ConfigValues(ConfigMap config)
{
    private static readonly string[] TrueWords = ["yes", "true", "on", "1", "y"];
    private static readonly string[] FalseWords = ["no", "false", "off", "0", "n", ""];

    /// <summary>A required string.</summary>
    public string Text(string key) =>
        OptionalText(key) is { Length: > 0 } value ? value : throw new BuildException($"Configuration key '{key}' is not set; set it in the site config or with the matching option");

    /// <summary>A string, or null when unset or empty.</summary>
    public string? OptionalText(string key) => config.Get(key) switch
    {
        null => null,
        ConfigScalar scalar => scalar.Value.Length == 0 ? null : scalar.Value,
        var other => throw WrongKind(key, other, "a single value"),
    };

    /// <summary>True when <paramref name="key"/> is given at all (an empty list included).</summary>
    public bool IsSet(string key) => config.Get(key) is not null;

    /// <summary>A yes/no value.</summary>
    public bool Flag(string key, bool whenUnset)
    {
        var value = OptionalText(key)?.ToLowerInvariant();
        return value switch
        {
            null => whenUnset,
            _ when TrueWords.Contains(value) => true,
            _ when FalseWords.Contains(value) => false,
            _ => throw new BuildException($"Configuration key '{key}' ({config.Get(key)!.Origin}) is '{value}'; use yes or no"),
        };
    }

    /// <summary>A whole number.</summary>
    public int Number(string key, int whenUnset)
    {
        var value = OptionalText(key);
        return value is null ? whenUnset
            : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
            : throw new BuildException($"Configuration key '{key}' ({config.Get(key)!.Origin}) is '{value}'; use a whole number");
    }

    /// <summary>A list of strings; a single string is a list of one.</summary>
    public IReadOnlyList<string> TextList(string key) => config.Get(key) switch
    {
        null or ConfigScalar { Value: "" } => [],
        ConfigScalar scalar => [scalar.Value],
        ConfigList list => list.Items.Select(item => item is ConfigScalar s ? s.Value : throw WrongKind(key, item, "a list of values")).ToArray(),
        var other => throw WrongKind(key, other, "a list of values"),
    };

    /// <summary>Shell snippets: lines or {file: PATH} items.</summary>
    public IReadOnlyList<ScriptPart> Snippets(string key) => Items(key).Select(item => item switch
    {
        ConfigScalar line => new ScriptPart(line.Value, null),
        ConfigMap map when Field(map, "file") is { } file => new ScriptPart(null, file),
        _ => throw WrongKind(key, item, "shell lines or {file: PATH} items"),
    }).ToArray();

    /// <summary>Launch environment items: {file: PATH} or {name, value, type}.</summary>
    public IReadOnlyList<EnvironmentSource> Environment(string key) => Items(key).Select(item => item switch
    {
        ConfigMap map when Field(map, "file") is { } file => new EnvironmentSource(file, null, null, null),
        ConfigMap map when Field(map, "name") is { } name => new EnvironmentSource(null, name, Field(map, "value") ?? "", Field(map, "type") ?? "set"),
        _ => throw WrongKind(key, item, "{file: PATH} or {name: N, value: V, type: set|prepend|append} items"),
    }).ToArray();

    private IEnumerable<ConfigNode> Items(string key) => config.Get(key) switch
    {
        null or ConfigScalar { Value: "" } => [],
        ConfigList list => list.Items,
        var single => [single],
    };

    private static string? Field(ConfigMap map, string name) => map.Get(name) is ConfigScalar { Value: var value } ? value : null;

    private static BuildException WrongKind(string key, ConfigNode node, string expected) =>
        new($"Configuration key '{key}' ({node.Origin}) must be {expected}");
}
