using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Packages;

/// <summary>
/// Turns the environment before and after <c>conda activate</c> into the changes the launcher applies
/// at each launch. Search-path lists (PATH, LD_LIBRARY_PATH, XDG_DATA_DIRS, ...) become prepends or
/// appends, so that they extend the caller's value at launch instead of freezing the build's: a
/// variable that had a value is a list when its old value is a suffix (prepend) or prefix (append) of
/// the new one; a variable the activation created is one when, in a second activation that started
/// with it set to <see cref="Sentinel"/>, the sentinel was kept at its end or start. Anything else is a
/// set or an unset. Values are literal: '$' is escaped, as manifest values may refer to variables. Pure.
/// </summary>
public static class ActivationDiff
{
    /// <summary>The value new variables start with in the second activation; it looks like a directory, as list entries do.</summary>
    public const string Sentinel = "/tykky-activation-probe";

    /// <summary>Variables that belong to the shell or the build, not to the activation.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "_", "SHLVL", "PWD", "OLDPWD", "PS1", "PS2" };

    /// <summary>True for variables that belong to the shell or the build, not to the activation.</summary>
    public static bool IsIgnored(string name) => Ignored.Contains(name);

    /// <summary>
    /// The variables the activation created that the second activation presets to <see cref="Sentinel"/>.
    /// conda's own (CONDA_*, _CE_*) are left out: a preset CONDA_PREFIX would make conda deactivate first.
    /// </summary>
    public static IReadOnlyList<string> Created(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        after.Keys.Where(name => !before.ContainsKey(name) && !Ignored.Contains(name))
            .Where(name => !name.StartsWith("CONDA_", StringComparison.Ordinal) && !name.StartsWith("_CE_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The changes from <paramref name="before"/> to <paramref name="after"/>, by variable name;
    /// <paramref name="afterPreset"/> is the environment after the second activation (see <see cref="Created"/>).
    /// </summary>
    public static IReadOnlyList<EnvironmentChange> Changes(
        IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, IReadOnlyDictionary<string, string> afterPreset)
    {
        var changes = new List<EnvironmentChange>();
        foreach (var name in after.Keys.Concat(before.Keys).Distinct(StringComparer.Ordinal).Where(n => !Ignored.Contains(n)).Order(StringComparer.Ordinal))
        {
            var hadValue = before.TryGetValue(name, out var old);
            var hasValue = after.TryGetValue(name, out var current);
            var change = (hadValue, hasValue) switch
            {
                (true, false) => new EnvironmentChange { Action = EnvironmentAction.Unset, Name = name },
                (false, true) => afterPreset.TryGetValue(name, out var preset) ? Changed(name, Sentinel, preset, current!) : Set(name, current!),
                (true, true) when old != current => Changed(name, old!, current!, current!),
                _ => null,
            };
            if (change is not null)
            {
                changes.Add(change);
            }
        }
        return changes;
    }

    /// <summary>
    /// The change that turned <paramref name="old"/> into <paramref name="extended"/>: a prepend or append
    /// of what was added around it, or else a set to <paramref name="value"/>.
    /// </summary>
    private static EnvironmentChange Changed(string name, string old, string extended, string value)
    {
        if (old.Length > 0 && extended.EndsWith(":" + old, StringComparison.Ordinal))
        {
            return new EnvironmentChange { Action = EnvironmentAction.Prepend, Name = name, Value = Literal(extended[..^(old.Length + 1)]) };
        }
        if (old.Length > 0 && extended.StartsWith(old + ":", StringComparison.Ordinal))
        {
            return new EnvironmentChange { Action = EnvironmentAction.Append, Name = name, Value = Literal(extended[(old.Length + 1)..]) };
        }
        return Set(name, value);
    }

    private static EnvironmentChange Set(string name, string value) =>
        new() { Action = EnvironmentAction.Set, Name = name, Value = Literal(value) };

    /// <summary>The manifest form of a literal value: '$' written as '\$' (VariableExpansion).</summary>
    public static string Literal(string value) => value.Replace("$", "\\$");
}
