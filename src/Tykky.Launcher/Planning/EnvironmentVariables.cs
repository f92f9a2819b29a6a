namespace Tykky.Launcher.Planning;

/// <summary>
/// An immutable environment that keeps the order of its entries, so that a plan's envp is
/// deterministic: existing names keep their place, new names go to the end.
/// </summary>
internal sealed class EnvironmentVariables
{
    private readonly OrderedDictionary<string, string> _entries;

    private EnvironmentVariables(OrderedDictionary<string, string> entries) => _entries = entries;

    /// <summary>An environment with no variables.</summary>
    public static EnvironmentVariables Empty { get; } = new(new OrderedDictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Builds from "NAME=VALUE" entries; entries without '=' are dropped, the first of duplicate names wins (as getenv does).</summary>
    public static EnvironmentVariables FromEntries(IEnumerable<string> entries)
    {
        var map = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=');
            if (equals > 0)
            {
                map.TryAdd(entry[..equals], entry[(equals + 1)..]);
            }
        }
        return new EnvironmentVariables(map);
    }

    /// <summary>The variable names, in order.</summary>
    public IEnumerable<string> Names => _entries.Keys;

    /// <summary>The value of <paramref name="name"/>, or null when unset.</summary>
    public string? Get(string name) => _entries.TryGetValue(name, out var value) ? value : null;

    /// <summary>A copy with <paramref name="name"/> set.</summary>
    public EnvironmentVariables With(string name, string value)
    {
        var copy = Copy();
        copy[name] = value;
        return new EnvironmentVariables(copy);
    }

    /// <summary>A copy without the names that match <paramref name="remove"/>.</summary>
    public EnvironmentVariables Without(Func<string, bool> remove)
    {
        if (!AnyName(remove))
        {
            return this; // immutable: no copy when nothing goes (the common launch)
        }
        var copy = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in _entries)
        {
            if (!remove(name))
            {
                copy.Add(name, value);
            }
        }
        return new EnvironmentVariables(copy);
    }

    private bool AnyName(Func<string, bool> matches)
    {
        foreach (var name in _entries.Keys)
        {
            if (matches(name))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A copy without <paramref name="name"/>.</summary>
    public EnvironmentVariables Without(string name) => Without(n => n == name);

    /// <summary>The "NAME=VALUE" entries for execve, in order.</summary>
    public IReadOnlyList<string> ToEntries()
    {
        var entries = new string[_entries.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var (name, value) = _entries.GetAt(i);
            entries[i] = string.Concat(name, "=", value);
        }
        return entries;
    }

    private OrderedDictionary<string, string> Copy() => new(_entries, StringComparer.Ordinal);
}
