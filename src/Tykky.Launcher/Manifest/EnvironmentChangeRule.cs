namespace Tykky.Launcher.Manifest;

/// <summary>
/// What one <see cref="EnvironmentChange"/> does to a variable: the one definition, used by the launcher
/// at each launch and by the builder to check that captured changes reproduce conda's activation.
/// </summary>
public static class EnvironmentChangeRule
{
    /// <summary>
    /// The variable's new value (null: unset) after <paramref name="change"/>, from its <paramref name="current"/>
    /// value; $NAME and ${NAME} in the change's value are expanded through <paramref name="lookup"/>,
    /// unset names to nothing, as in sh.
    /// </summary>
    public static string? Apply(EnvironmentChange change, string? current, Func<string, string?> lookup)
    {
        var value = VariableExpansion.Expand(change.Value, lookup, VariableExpansion.UnsetVariables.Remove);
        return change.Action switch
        {
            EnvironmentAction.Set => value,
            EnvironmentAction.Prepend => string.IsNullOrEmpty(current) ? value : $"{value}:{current}",
            EnvironmentAction.Append => string.IsNullOrEmpty(current) ? value : $"{current}:{value}",
            EnvironmentAction.Unset => null,
        };
    }
}
