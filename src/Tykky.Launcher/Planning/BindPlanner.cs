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
        var mounts = new List<Mount>(manifest.Isolate ? IsolatedMounts(manifest, context.Host) : HostMounts(manifest, context.Host));
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
    public static bool IsBound(IEnumerable<Mount> mounts, string path) =>
        mounts.LastOrDefault(m => PathText.IsAtOrBelow(path, m.Destination)) is BindMount bind && bind.Source == bind.Destination;

    /// <summary>The host's view: every top-level directory bound at its own path, top-level links recreated.</summary>
    public static IEnumerable<Mount> HostView(HostFacts host) =>
        host.TopLevelEntries
            .Where(e => !RuntimeProvidedDirectories.Contains(e.Path))
            .Select(e => e.LinkTarget is null ? (Mount)new BindMount(e.Path, e.Path) : new LinkMount(e.LinkTarget, e.Path));

    private static IEnumerable<Mount> HostMounts(InstallationManifest manifest, HostFacts host) =>
        HostView(host).Where(m => !manifest.ExcludedMountPoints.Contains(m.Destination));

    private static IEnumerable<Mount> IsolatedMounts(InstallationManifest manifest, HostFacts host) =>
        manifest.MountPoints.Where(host.ExistingPaths.Contains).Select(p => new BindMount(p, p));

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
