namespace Tykky.Launcher.Manifest;

/// <summary>
/// Names of the files of an installation prefix and inside its image, shared by builder and launcher.
/// Each build is a generation of its own; one rename of the <c>bin</c> link switches between them.
/// <code>
/// &lt;prefix&gt;/generations/N/bin/NAME        hard link of ../tykky-launcher, one per wrapped program (a symlink to it where the filesystem makes no hard links)
/// &lt;prefix&gt;/generations/N/_bin/NAME       symlink to the program's path inside the container
/// &lt;prefix&gt;/generations/N/tykky-launcher  the static launcher
/// &lt;prefix&gt;/generations/N/tykky.json      the manifest
/// &lt;prefix&gt;/generations/N/tykky-join      the static helper that joins a keeper's shared mount
/// &lt;prefix&gt;/generations/N/squashfuse-noopen.so  preloaded into a keeper's squashfuse_ll (src/squashfuse-noopen)
/// &lt;prefix&gt;/bin                           symlink to generations/N/bin, the switch (the kernel's exec of a wrapper walks one link)
/// &lt;prefix&gt;/current                       symlink to bin/.., the generation in use
/// &lt;prefix&gt;/_bin, tykky.json, ...         symlinks to current/_bin, current/tykky.json, ... (stable paths for users)
/// </code>
/// Installations of earlier versions (and the build's sandbox) have the files of one generation in
/// the prefix itself ("flat layout"), or <c>current → generations/N</c> and <c>bin → current/bin</c>;
/// the launcher reads them all, and a build's deploy moves them to this layout.
/// </summary>
public static class InstallationLayout
{
    /// <summary>Directory of the wrappers the user puts on PATH.</summary>
    public const string BinDirectory = "bin";

    /// <summary>Directory of links to the real programs; bound over <see cref="BinDirectory"/> inside the container.</summary>
    public const string RealBinDirectory = "_bin";

    /// <summary>The manifest file in the prefix.</summary>
    public const string ManifestFileName = "tykky.json";

    /// <summary>The launcher binary in the prefix.</summary>
    public const string LauncherFileName = "tykky-launcher";

    /// <summary>The single-threaded helper that joins a keeper's namespaces (src/tykky-join), beside the launcher.</summary>
    public const string JoinerFileName = "tykky-join";

    /// <summary>The library a keeper preloads into squashfuse_ll so that the kernel opens files without asking it (src/squashfuse-noopen), beside the joiner.</summary>
    public const string SquashfuseNoOpenFileName = "squashfuse-noopen.so";

    /// <summary>Inside the image, relative to the installation path: holds <see cref="InstallationManifest.InstallationId"/>.</summary>
    public const string ImageIdFile = ".tykky/installation-id";

    /// <summary>Directory of the generations (one complete installation each) in the prefix.</summary>
    public const string GenerationsDirectory = "generations";

    /// <summary>Link in the prefix to the generation in use (<c>bin/..</c>: it follows the switch of <see cref="BinDirectory"/>, which a deploy's one rename(2) replaces).</summary>
    public const string CurrentLink = "current";

    /// <summary>
    /// The target of the stable link <c>&lt;prefix&gt;/NAME</c> that a deploy makes for each entry
    /// NAME of a generation but <c>bin</c> (and refuses to replace when something else is in its way).
    /// </summary>
    public static string StableLinkTarget(string name) => $"{CurrentLink}/{name}";

    /// <summary>The file a build locks (flock) for its whole run; holds the builder's pid and host.</summary>
    public const string LockFileName = ".tykky-lock";

    /// <summary>
    /// The prefix users see, for the directory <paramref name="installationDirectory"/> that holds an
    /// installation's files: <c>P</c> for <c>P/generations/N</c> when <c>P/current</c> exists (see
    /// <paramref name="exists"/>), else the directory itself (the flat layout).
    /// </summary>
    public static string PrefixOf(string installationDirectory, Func<string, bool> exists)
    {
        var generations = Path.GetDirectoryName(installationDirectory);
        var prefix = generations is null ? null : Path.GetDirectoryName(generations);
        return prefix is not null && Path.GetFileName(generations) == GenerationsDirectory && exists(Path.Join(prefix, CurrentLink))
            ? prefix
            : installationDirectory;
    }

    /// <summary>Wrapper that starts an interactive shell in the container.</summary>
    public const string DebugShell = "_debug_shell";

    /// <summary>Wrapper that runs any command in the container.</summary>
    public const string DebugExec = "_debug_exec";
}
