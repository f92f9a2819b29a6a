using Tykky.Launcher.Manifest;

namespace Tykky.Builder;

/// <summary>
/// Where the tool's own files are, relative to the builder binary:
/// <c>&lt;root&gt;/bin/tykky</c>, <c>&lt;root&gt;/libexec/tykky-launcher</c>, <c>&lt;root&gt;/configs/default.yaml</c>.
/// </summary>
public sealed record ToolLayout(string Root)
{
    /// <summary>The static launcher copied into every installation.</summary>
    public string Launcher => Path.Join(Root, "libexec", InstallationLayout.LauncherFileName);

    /// <summary>The static helper that joins a keeper's shared mount, copied beside the launcher.</summary>
    public string Joiner => Path.Join(Root, "libexec", InstallationLayout.JoinerFileName);

    /// <summary>The library a keeper preloads into squashfuse_ll, copied beside the joiner.</summary>
    public string SquashfuseNoOpen => Path.Join(Root, "libexec", InstallationLayout.SquashfuseNoOpenFileName);

    /// <summary>The site config chosen when the tool was installed (overridden by CW_GLOBAL_YAML).</summary>
    public string DefaultSiteConfig => Path.Join(Root, "configs", "default.yaml");

    /// <summary>The layout of the running builder.</summary>
    public static ToolLayout OfRunningBuilder() =>
        new(Path.GetFullPath(Path.Join(AppContext.BaseDirectory, "..")));
}
