namespace Tykky.Builder.Config;

/// <summary>When <c>spack install</c> takes binaries from a build cache (its <c>--use-buildcache</c>).</summary>
public enum SpackBuildcachePolicy
{
    /// <summary>Binaries when a mirror has them, else build from source (Spack's default).</summary>
    Auto,

    /// <summary>Binaries only: a package without one is an error.</summary>
    Only,

    /// <summary>Always build from source.</summary>
    Never,
}

/// <summary>
/// The settings of spack-containerize builds: which Spack (spack_root), its mirrors (spack_mirrors)
/// and build-cache policy (spack_buildcache), the build tools taken from the host
/// (spack_externals) and whether Spack's caches persist between builds (spack_cache).
/// </summary>
public sealed record SpackSettings
{
    /// <summary>
    /// Build tools found on the host with <c>spack external find --not-buildable</c> unless spack_externals
    /// names others: without them an offline Spack tries to build cmake (and curl, openssl) from source.
    /// Only tools, no libraries: an external library would be linked into the installation from the host.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultExternals = ["cmake", "gmake", "ninja", "pkgconf", "autoconf", "automake", "libtool", "m4", "bison", "flex", "git", "tar"];

    /// <summary>The Spack installation (its root, holding bin/spack), or null for the <c>spack</c> on PATH.</summary>
    public string? SpackRoot { get; init; }

    /// <summary>Mirror URLs (source mirrors and build caches) written into the environment.</summary>
    public IReadOnlyList<string> Mirrors { get; init; } = [];

    /// <summary>The build-cache policy.</summary>
    public SpackBuildcachePolicy Buildcache { get; init; } = SpackBuildcachePolicy.Auto;

    /// <summary>Packages <c>spack external find --not-buildable</c> looks for; none when empty.</summary>
    public IReadOnlyList<string> Externals { get; init; } = DefaultExternals;

    /// <summary>Keep Spack's misc cache and source cache under build_tmpdir_base between builds (a warm misc cache saves most of a concretization).</summary>
    public bool PersistentCache { get; init; } = true;

    /// <summary>Reads the settings from an effective configuration.</summary>
    public static SpackSettings Read(ConfigValues values) => new()
    {
        SpackRoot = values.OptionalText("spack_root"),
        Mirrors = values.TextList("spack_mirrors"),
        Buildcache = PolicyOf(values.OptionalText("spack_buildcache") ?? "auto"),
        Externals = values.IsSet("spack_externals") ? values.TextList("spack_externals") : DefaultExternals,
        PersistentCache = values.Flag("spack_cache", true),
    };

    /// <summary>The <c>--use-buildcache</c> value of <paramref name="policy"/>.</summary>
    public static string PolicyName(SpackBuildcachePolicy policy) => policy switch
    {
        SpackBuildcachePolicy.Auto => "auto",
        SpackBuildcachePolicy.Only => "only",
        SpackBuildcachePolicy.Never => "never",
    };

    private static SpackBuildcachePolicy PolicyOf(string value) => value.ToLowerInvariant() switch
    {
        "auto" => SpackBuildcachePolicy.Auto,
        "only" => SpackBuildcachePolicy.Only,
        "never" => SpackBuildcachePolicy.Never,
        _ => throw new BuildException($"Configuration key 'spack_buildcache' (--use-buildcache) is '{value}'; use auto, only or never"),
    };
}
