using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Packages;

/// <summary>
/// Turns the environment before and after <c>conda activate</c> into the changes the launcher applies
/// at each launch. Search-path lists (PATH, LD_LIBRARY_PATH, XDG_DATA_DIRS, ...) whose old value is a
/// suffix or prefix of the new one become prepends or appends, so that they extend the caller's value
/// at launch instead of freezing the build's; anything else becomes a set or an unset. Values are
/// literal: '$' is escaped, since manifest values may refer to variables. Pure.
/// </summary>
public static class ActivationDiff
{
    /// <summary>Variables that belong to the shell or the build, not to the activation.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "_", "SHLVL", "PWD", "OLDPWD", "PS1", "PS2" };

    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>, by variable name.</summary>
    public static IReadOnlyList<EnvironmentChange> Changes(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var changes = new List<EnvironmentChange>();
        foreach (var name in after.Keys.Concat(before.Keys).Distinct(StringComparer.Ordinal).Where(n => !Ignored.Contains(n)).Order(StringComparer.Ordinal))
        {
            var hadValue = before.TryGetValue(name, out var old);
            var hasValue = after.TryGetValue(name, out var current);
            var change = (hadValue, hasValue) switch
            {
                (true, false) => new EnvironmentChange { Action = EnvironmentAction.Unset, Name = name },
                (false, true) => Set(name, current!),
                (true, true) when old != current => Changed(name, old!, current!),
                _ => null,
            };
            if (change is not null)
            {
                changes.Add(change);
            }
        }
        return changes;
    }

    private static EnvironmentChange Changed(string name, string old, string current)
    {
        if (old.Length > 0 && current.EndsWith(":" + old, StringComparison.Ordinal))
        {
            return new EnvironmentChange { Action = EnvironmentAction.Prepend, Name = name, Value = Literal(current[..^(old.Length + 1)]) };
        }
        if (old.Length > 0 && current.StartsWith(old + ":", StringComparison.Ordinal))
        {
            return new EnvironmentChange { Action = EnvironmentAction.Append, Name = name, Value = Literal(current[(old.Length + 1)..]) };
        }
        return Set(name, current);
    }

    private static EnvironmentChange Set(string name, string value) =>
        new() { Action = EnvironmentAction.Set, Name = name, Value = Literal(value) };

    /// <summary>The manifest form of a literal value: '$' written as '\$' (VariableExpansion).</summary>
    public static string Literal(string value) => value.Replace("$", "\\$");
}
