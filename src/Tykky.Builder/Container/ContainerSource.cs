namespace Tykky.Builder.Container;

/// <summary>Where the container of an installation comes from (config key <c>container_src</c>).</summary>
public abstract record ContainerSource
{
    /// <summary>URL schemes the runtime can pull.</summary>
    private static readonly string[] PullSchemes = ["docker://", "oras://", "library://", "shub://", "docker-archive://", "http://", "https://"];

    /// <summary>Reads a container_src value; <c>auto</c> becomes <paramref name="auto"/>'s choice.</summary>
    public static ContainerSource Parse(string value, Func<BaseImage> auto) =>
        value == "auto" ? new AutoImage(auto())
        : PullSchemes.Any(s => value.StartsWith(s, StringComparison.Ordinal)) ? new RemoteImage(value)
        : new LocalImage(Path.GetFullPath(value));
}

/// <summary>An image file on disk: copied into the prefix, or linked with share_container.</summary>
/// <param name="Path">Absolute path.</param>
public sealed record LocalImage(string Path) : ContainerSource;

/// <summary>An image pulled by the runtime.</summary>
/// <param name="Url">What to pull.</param>
public sealed record RemoteImage(string Url) : ContainerSource;

/// <summary>The base image chosen from the host's os-release.</summary>
/// <param name="Choice">The choice and why.</param>
public sealed record AutoImage(BaseImage Choice) : ContainerSource;
