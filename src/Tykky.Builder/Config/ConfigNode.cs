namespace Tykky.Builder.Config;

/// <summary>A configuration value as read from YAML or a command line, with where it came from.</summary>
/// <param name="Origin">"file:line" or "--flag", for error messages.</param>
public abstract record ConfigNode(string Origin);

/// <summary>A single value; YAML's null and empty values are "".</summary>
public sealed record ConfigScalar(string Value, string Origin) : ConfigNode(Origin);

/// <summary>A list of values.</summary>
public sealed record ConfigList(IReadOnlyList<ConfigNode> Items, string Origin) : ConfigNode(Origin);

/// <summary>A mapping of names to values, in file order.</summary>
public sealed record ConfigMap(IReadOnlyList<KeyValuePair<string, ConfigNode>> Entries, string Origin) : ConfigNode(Origin)
{
    /// <summary>An empty mapping.</summary>
    public static ConfigMap Empty(string origin) => new([], origin);

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public ConfigNode? Get(string key) => Entries.LastOrDefault(e => e.Key == key).Value;

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/> (kept in its place when present).</summary>
    public ConfigMap With(string key, ConfigNode value)
    {
        var entries = Entries.ToList();
        var index = entries.FindIndex(e => e.Key == key);
        if (index >= 0)
        {
            entries[index] = new(key, value);
        }
        else
        {
            entries.Add(new(key, value));
        }
        return this with { Entries = entries };
    }

    /// <summary>A copy with every entry of <paramref name="other"/> set over this one.</summary>
    public ConfigMap WithAll(ConfigMap other) => other.Entries.Aggregate(this, (map, entry) => map.With(entry.Key, entry.Value));
}
