using Tykky.Launcher.Host;

namespace Tykky.Launcher.Planning;

/// <summary>
/// The mounts a runtime is given, from the mounts intended (issue #8.2). The planners write the
/// intent in order, a later mount replacing what an earlier one showed at or below its destination
/// ($TMPDIR bound over /tmp after the host's /tmp). The runtimes disagree about repeated
/// destinations: bubblewrap applies its mounts in order, so the last one wins, but apptainer and
/// singularity keep the first bind of a destination and drop the later ones, with a warning hidden by
/// --silent (apptainer-observed.md). Giving both only the mounts the intent leaves visible removes the
/// disagreement: every destination then appears once, and a mount always comes after the one it lies
/// in, so applying the list first-wins or last-wins shows the same thing, the intended one.
/// </summary>
internal static class MountOrder
{
    /// <summary>The mounts of <paramref name="intended"/> that no later one covers, in their order.</summary>
    public static IReadOnlyList<Mount> ForRuntime(IReadOnlyList<Mount> intended)
    {
        var visible = new List<Mount>(intended.Count);
        for (var i = 0; i < intended.Count; i++)
        {
            if (!IsCoveredLater(intended, i))
            {
                visible.Add(intended[i]);
            }
        }
        return visible;
    }

    private static bool IsCoveredLater(IReadOnlyList<Mount> intended, int index)
    {
        for (var later = index + 1; later < intended.Count; later++)
        {
            if (PathText.IsAtOrBelow(intended[index].Destination, intended[later].Destination))
            {
                return true;
            }
        }
        return false;
    }
}
