using Tykky.Builder.Config;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Packages;

/// <summary>
/// Chooses captured or dynamic activation from the user's conda_activation and what the capture could
/// not express (#8.5): captured when it is faithful; otherwise dynamic with a warning naming the
/// activate.d scripts, unless the user asked for captured. Pure.
/// </summary>
public static class CondaActivationDecision
{
    /// <summary>The verdict for <paramref name="choice"/> when the capture found <paramref name="problems"/> (see <see cref="Problems"/>).</summary>
    public static CondaActivationVerdict Decide(CondaActivationChoice choice, IReadOnlyList<string> problems) => (choice, problems.Count == 0) switch
    {
        (CondaActivationChoice.Dynamic, _) =>
            new(CondaActivationMode.Dynamic, "dynamic, as conda_activation: dynamic asks: conda activate runs at each launch", null),
        (CondaActivationChoice.Auto or CondaActivationChoice.Captured, true) =>
            new(CondaActivationMode.Captured, $"captured at build time: it reproduces conda activate under a perturbed launch environment ({ActivationProbeInputs.Described})", null),
        (CondaActivationChoice.Auto, false) =>
            new(CondaActivationMode.Dynamic, $"dynamic: the activation cannot be captured faithfully: {string.Join("; ", problems)}",
                $"The conda activation cannot be captured faithfully: {string.Join("; ", problems)}. The installation runs conda activate at each launch instead (slower); conda_activation: captured records it anyway"),
        (CondaActivationChoice.Captured, false) =>
            new(CondaActivationMode.Captured, $"captured, as conda_activation: captured asks, although {string.Join("; ", problems)}",
                $"conda_activation: captured: the recorded activation differs from conda activate's at launch: {string.Join("; ", problems)}"),
    };

    /// <summary>
    /// What the capture cannot express, one sentence per cause: the variables it did not reproduce, with
    /// the scripts that name them, and the scripts that unset names they compute.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<string> unfaithful, IReadOnlyList<ActivateScript> scripts)
    {
        var byScripts = unfaithful.GroupBy(name => string.Join(", ", scripts.Where(s => s.Mentions(name)).Select(s => s.PathInside)));
        var variables = byScripts.Select(group =>
            $"{string.Join(", ", group)} {(group.Count() == 1 ? "depends" : "depend")} on the launch environment ({(group.Key.Length > 0 ? group.Key : "no activate.d script names it")})");
        var computed = scripts.Where(s => s.UnsetsComputedNames).Select(s => $"{s.PathInside} unsets names it computes");
        return [.. variables, .. computed];
    }
}
