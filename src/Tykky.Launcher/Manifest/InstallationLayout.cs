namespace Tykky.Launcher.Manifest;

/// <summary>
/// Names of the files of an installation prefix and inside its image, shared by builder and launcher.
/// <code>
/// &lt;prefix&gt;/bin/NAME        symlink to ../tykky-launcher (one per wrapped program)
/// &lt;prefix&gt;/_bin/NAME       symlink to the program's path inside the container
/// &lt;prefix&gt;/tykky-launcher  the static launcher
/// &lt;prefix&gt;/tykky-join      the static helper that joins a keeper's shared mount
/// &lt;prefix&gt;/tykky.json      the manifest
/// </code>
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

    /// <summary>Inside the image, relative to the installation path: holds <see cref="InstallationManifest.InstallationId"/>.</summary>
    public const string ImageIdFile = ".tykky/installation-id";

    /// <summary>Wrapper that starts an interactive shell in the container.</summary>
    public const string DebugShell = "_debug_shell";

    /// <summary>Wrapper that runs any command in the container.</summary>
    public const string DebugExec = "_debug_exec";
}
