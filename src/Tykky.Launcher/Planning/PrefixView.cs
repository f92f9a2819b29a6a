using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;

namespace Tykky.Launcher.Planning;

/// <summary>
/// The prefix as a bubblewrap sandbox shows it in the generational layout: a small read-only tmpfs
/// at <paramref name="Prefix"/> holding the host prefix's entries (each bound, each link recreated),
/// except that <c>bin</c> holds the links of the generation's <c>_bin</c> (made in the tmpfs from
/// its manifest) and <c>current</c> links to <paramref name="Generation"/>, the generation the launch
/// runs from. The first process inside (the inner step or the keeper) sets it up while it mounts
/// the images, covering the prefix once they are mounted (see <see cref="Inner.PrefixViewSetup"/>).
/// <para>
/// Why: a program resolves its own path (Python's getpath walks <c>&lt;prefix&gt;/bin/python3</c> five
/// times and looks for <c>pyvenv.cfg</c> and <c>python3._pth</c> beside it), and on the host that walk
/// follows <c>bin → generations/N/bin</c>, a metadata round trip per component on a
/// parallel filesystem (eight per walk). In the view it makes none: the prefix, its <c>bin</c> and the
/// program's link are the tmpfs's.
/// </para>
/// <para>
/// The setup also binds the generation's <c>_bin</c> over its <c>bin</c> (the plan's last bind in the
/// prefix), from descriptors: bubblewrap's <c>--bind</c> resolves source and destination component
/// by component, each component's walk from "/" again, ~55 round trips for that one bind.
/// </para>
/// </summary>
/// <param name="Prefix">The stable prefix.</param>
/// <param name="Generation">The generation's directory relative to the prefix (<c>generations/N</c>).</param>
internal sealed record PrefixView(string Prefix, string Generation)
{
    /// <summary>
    /// The view of a host-mode bubblewrap launch of a generational installation, or null: in the flat
    /// layout, when the prefix is not shown by an identity bind, or when another mount lies in the
    /// prefix (an image, $TMPDIR, a CW_EXTRA_BIND_MOUNTS destination), which the view would hide.
    /// </summary>
    public static PrefixView? For(LaunchContext context, IReadOnlyList<Mount> mounts)
    {
        var call = context.Call;
        var prefix = call.StablePrefix;
        var generations = PathText.Join(prefix, InstallationLayout.GenerationsDirectory);
        var programsInside = PathText.Join(call.Prefix, InstallationLayout.BinDirectory);
        var realPrograms = PathText.Join(call.Prefix, InstallationLayout.RealBinDirectory);
        if (context.Manifest.Runtime.Kind != RuntimeKind.Bwrap || context.Manifest.Isolate || prefix == call.Prefix
            || PathText.DirectoryOf(call.Prefix) != generations || !BindPlanner.IsBound(mounts, prefix))
        {
            return null;
        }
        var inPrefix = mounts.Where(m => PathText.IsAtOrBelow(m.Destination, prefix));
        return inPrefix.All(m => m is BindMount bind && (bind.Source == bind.Destination ? bind.Destination == prefix : bind.Destination == programsInside && bind.Source == realPrograms))
            ? new PrefixView(prefix, call.Prefix[(prefix.Length + 1)..])
            : null;
    }

    /// <summary>The generation's <c>bin</c>, which shows its <c>_bin</c> inside.</summary>
    public string Programs => PathText.Join(Prefix, PathText.Join(Generation, InstallationLayout.BinDirectory));

    /// <summary>The mounts the runtime makes: <paramref name="mounts"/>, less the bind over <see cref="Programs"/> when <paramref name="view"/>'s setup makes it.</summary>
    public static IReadOnlyList<Mount> MountsForRuntime(IReadOnlyList<Mount> mounts, PrefixView? view)
    {
        if (view is null)
        {
            return mounts;
        }
        var left = new List<Mount>(mounts.Count);
        foreach (var mount in mounts)
        {
            if (mount.Destination != view.Programs)
            {
                left.Add(mount);
            }
        }
        return left;
    }
}
