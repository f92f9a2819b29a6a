using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Packages;

/// <summary>
/// Makes the captured activation provably faithful on the probed environments (#8.5). The changes are
/// derived from the first activation (<see cref="ActivationDiff"/>); a value that the second activation,
/// under other launch inputs (<see cref="ActivationProbeInputs"/>), did not reproduce literally is written
/// as a launch-time expansion of the inputs it holds (<c>$HOME/.pkg</c> becomes <c>${HOME}/.pkg</c>).
/// Then the changes are replayed on the second activation's starting environment exactly as the launcher
/// applies them (<see cref="EnvironmentChangeRule"/>): every variable that comes out different is one the
/// capture cannot express (the script branches on the environment, or computes what it sets). Pure.
/// </summary>
public static class ActivationCapture
{
    /// <summary>The changes to record, and the variables they do not reproduce (empty when faithful).</summary>
    /// <param name="first">The first activation.</param>
    /// <param name="firstPresetAfter">The first activation repeated with the variables it created preset (see <see cref="ActivationDiff.Created"/>).</param>
    /// <param name="second">The second activation, under the inputs' second values.</param>
    /// <param name="inputs">The launch inputs the two differ in.</param>
    public static (IReadOnlyList<EnvironmentChange> Changes, IReadOnlyList<string> Unfaithful) Derive(
        ActivationRun first, IReadOnlyDictionary<string, string> firstPresetAfter, ActivationRun second, IReadOnlyList<LaunchInput> inputs)
    {
        var changes = ActivationDiff.Changes(first.Before, first.After, firstPresetAfter)
            .Select(change => Reproducing(change, second, inputs)).ToArray();
        var replayed = Replay(second.Before, changes);
        var unfaithful = replayed.Keys.Concat(second.After.Keys).Distinct(StringComparer.Ordinal)
            .Where(name => !ActivationDiff.IsIgnored(name) && replayed.GetValueOrDefault(name) != second.After.GetValueOrDefault(name))
            .Order(StringComparer.Ordinal).ToArray();
        return (changes, unfaithful);
    }

    /// <summary><paramref name="environment"/> after <paramref name="changes"/>, as the launcher applies them.</summary>
    public static IReadOnlyDictionary<string, string> Replay(IReadOnlyDictionary<string, string> environment, IEnumerable<EnvironmentChange> changes)
    {
        var result = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var value = EnvironmentChangeRule.Apply(change, result.GetValueOrDefault(change.Name), name => result.GetValueOrDefault(name));
            if (value is null)
            {
                result.Remove(change.Name);
            }
            else
            {
                result[change.Name] = value;
            }
        }
        return result;
    }

    /// <summary>The change as it is, or with the inputs' first values turned into references when only that reproduces the second activation.</summary>
    private static EnvironmentChange Reproducing(EnvironmentChange change, ActivationRun second, IReadOnlyList<LaunchInput> inputs)
    {
        if (change.Action == EnvironmentAction.Unset || Reproduces(change, second))
        {
            return change;
        }
        var templated = change with { Value = Templated(change.Value, inputs) };
        return Reproduces(templated, second) ? templated : change;
    }

    private static bool Reproduces(EnvironmentChange change, ActivationRun run) =>
        Replay(run.Before, [change]).GetValueOrDefault(change.Name) == run.After.GetValueOrDefault(change.Name);

    /// <summary><paramref name="value"/> (a manifest value: '$' escaped) with each input's first value replaced by a reference to it, longest first.</summary>
    public static string Templated(string value, IReadOnlyList<LaunchInput> inputs) =>
        inputs.OrderByDescending(input => input.First.Length)
            .Aggregate(value, (text, input) => text.Replace(ActivationDiff.Literal(input.First), "${" + input.Name + "}", StringComparison.Ordinal));
}
