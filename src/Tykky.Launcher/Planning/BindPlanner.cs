using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;

namespace Tykky.Launcher.Planning;

/// <summary>The mounts of a launch, in the order the runtime must set them up (parents before children).</summary>
/// <param name="Mounts">The mounts.</param>
/// <param name="Warnings">Skipped requests, for stderr.</param>
internal sealed record MountPlan(IReadOnlyList<Mount> Mounts, IReadOnlyList<string> Warnings);

/// <summary>Pure bind decisions (SPEC §5 step 5).</summary>
internal static class BindPlanner
{
    /// <summary>Top-level directories the runtime sets up itself; binding the host's again is wrong.</summary>
    public static readonly IReadOnlySet<string> RuntimeProvidedDirectories = new HashSet<string>(StringComparer.Ordinal) { "/dev", "/proc", "/sys" };

    /// <summary>Plans every mount of a launch through the runtime.</summary>
    public static MountPlan Plan(LaunchContext context)
    {
        var manifest = context.Manifest;
        var prefix = context.Call.Prefix;
        var mounts = manifest.Isolate ? IsolatedMounts(manifest, context.Host) : HostViewExcept(context.Host, manifest.ExcludedMountPoints);
        mounts.AddRange(TmpDirMounts(context.Environment.Get(EnvironmentNames.TmpDir), context.Host, mounts));
        if (!IsBound(mounts, context.Call.StablePrefix))
        {
            mounts.Add(new BindMount(context.Call.StablePrefix, context.Call.StablePrefix));
        }
        if (manifest.Image is { } image)
        {
            mounts.Add(InstallationImage(image, prefix, manifest.InstallationPath));
        }
        // Inside, <prefix>/bin holds the real programs: sys.executable and dask's worker command are
        // then valid paths both inside and outside (the upstream "_bin" trick). Both are the
        // generation's real directories: runtimes bind onto a directory, not onto a link.
        mounts.Add(new BindMount(PathText.Join(prefix, InstallationLayout.RealBinDirectory), PathText.Join(prefix, InstallationLayout.BinDirectory)));
        var warnings = new List<string>();
        mounts.AddRange(ExtraMounts(context, warnings));
        return new MountPlan(mounts, warnings);
    }

    /// <summary>Absolute host path of a prefix-relative (or absolute) file of the installation.</summary>
    public static string InPrefix(string prefix, string path) => path.StartsWith('/') ? path : PathText.Join(prefix, path);

    /// <summary>
    /// True when the host's <paramref name="path"/> is visible at the same path: the last mount covering
    /// it is an identity bind. ($TMPDIR bound over /tmp hides what /tmp's own bind showed.)
    /// </summary>
    public static bool IsBound(IReadOnlyList<Mount> mounts, string path) => IsBound(mounts, mounts.Count, path);

    /// <summary><see cref="IsBound(IReadOnlyList{Mount}, string)"/> after the first <paramref name="count"/> mounts.</summary>
    public static bool IsBound(IReadOnlyList<Mount> mounts, int count, string path)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            if (PathText.IsAtOrBelow(path, mounts[i].Destination))
            {
                return mounts[i] is BindMount bind && bind.Source == bind.Destination;
            }
        }
        return false;
    }

    /// <summary>
    /// The host's view: every top-level directory bound at its own path, top-level links recreated.
    /// Here and in the other planners of a launch, plain loops and no allocating helpers: each LINQ
    /// operator is code and garbage that every start of the launcher pays for in page faults.
    /// </summary>
    public static List<Mount> HostView(HostFacts host) => HostViewExcept(host, []);

    /// <summary><see cref="HostView"/> without the <paramref name="excluded"/> destinations.</summary>
    private static List<Mount> HostViewExcept(HostFacts host, IReadOnlyList<string> excluded)
    {
        var mounts = new List<Mount>(host.TopLevelEntries.Count);
        foreach (var entry in host.TopLevelEntries)
        {
            if (!RuntimeProvidedDirectories.Contains(entry.Path) && !Contains(excluded, entry.Path))
            {
                mounts.Add(entry.LinkTarget is null ? new BindMount(entry.Path, entry.Path) : new LinkMount(entry.LinkTarget, entry.Path));
            }
        }
        return mounts;
    }

    private static List<Mount> IsolatedMounts(InstallationManifest manifest, HostFacts host)
    {
        var mounts = new List<Mount>(manifest.MountPoints.Count);
        foreach (var path in manifest.MountPoints)
        {
            if (host.ExistingPaths.Contains(path))
            {
                mounts.Add(new BindMount(path, path));
            }
        }
        return mounts;
    }

    private static bool Contains(IReadOnlyList<string> paths, string path)
    {
        foreach (var candidate in paths)
        {
            if (candidate == path)
            {
                return true;
            }
        }
        return false;
    }

    private static Mount InstallationImage(ImageSpec image, string prefix, string installationPath) => image.Kind switch
    {
        ImageKind.Squashfs => new ImageMount(InPrefix(prefix, image.Path), installationPath),
        ImageKind.Directory => new BindMount(InPrefix(prefix, image.Path), installationPath),
    };

    private static IEnumerable<Mount> TmpDirMounts(string? tmpDir, HostFacts host, IReadOnlyList<Mount> planned)
    {
        if (string.IsNullOrEmpty(tmpDir) || !host.ExistingPaths.Contains(tmpDir))
        {
            yield break;
        }
        if (!IsBound(planned, tmpDir))
        {
            yield return new BindMount(tmpDir, tmpDir);
        }
        // Upstream also binds $TMPDIR over /tmp. When $TMPDIR lies below /tmp that bind would hide
        // $TMPDIR itself inside, so it is skipped then.
        if (!PathText.IsAtOrBelow(tmpDir, "/tmp"))
        {
            yield return new BindMount(tmpDir, "/tmp");
        }
    }

    private static IEnumerable<Mount> ExtraMounts(LaunchContext context, List<string> warnings)
    {
        var manifest = context.Manifest;
        // exported by its stable path (<prefix>/img.sqfs) or by the generation's
        string[] ownImage = manifest.Image is { } image ? [InPrefix(context.Call.Prefix, image.Path), InPrefix(context.Call.StablePrefix, image.Path)] : [];
        foreach (var spec in BindSpecParser.Parse(context.Environment.Get(EnvironmentNames.ExtraBindMounts)))
        {
            if (spec.IsImage && (spec.Destination == manifest.InstallationPath || ownImage.Contains(spec.Source)))
            {
                continue; // this installation's own image, exported for composition: already mounted
            }
            if (!context.Host.ExistingPaths.Contains(spec.Source))
            {
                warnings.Add($"tykky: warning: {EnvironmentNames.ExtraBindMounts} entry '{spec}' skipped: '{spec.Source}' does not exist");
                continue;
            }
            yield return spec.IsImage ? new ImageMount(spec.Source, spec.Destination) : new BindMount(spec.Source, spec.Destination, spec.IsReadOnly);
        }
    }
}
