namespace Tykky.Builder.Container;

/// <summary>The base image picked for <c>container_src: auto</c>, and why.</summary>
/// <param name="Url">The image to pull.</param>
/// <param name="IsGuess">True when the host's distribution is not in the table.</param>
/// <param name="Reason">What the choice was based on, for the build log.</param>
public sealed record BaseImage(string Url, bool IsGuess, string Reason);

/// <summary>
/// Picks a container base image matching the host's /etc/os-release (host mode binds the host's
/// directories into it, so its libraries should match the host's). Pure.
/// </summary>
public static class BaseImageChooser
{
    /// <summary>Image per os-release ID: the URL for a VERSION_ID (full and major part given).</summary>
    private static readonly IReadOnlyDictionary<string, Func<string, string, string>> Images = new Dictionary<string, Func<string, string, string>>(StringComparer.Ordinal)
    {
        ["sles"] = (version, _) => $"docker://registry.suse.com/bci/bci-base:{version}",
        ["opensuse-leap"] = (version, _) => $"docker://opensuse/leap:{version}",
        ["rhel"] = (version, major) => $"docker://registry.access.redhat.com/ubi{major}/ubi:{version}",
        ["rocky"] = (version, _) => $"docker://rockylinux/rockylinux:{version}",
        ["almalinux"] = (version, _) => $"docker://almalinux:{version}",
        ["centos"] = (_, major) => $"docker://centos:{major}",
        ["fedora"] = (_, major) => $"docker://fedora:{major}",
        ["ubuntu"] = (version, _) => $"docker://ubuntu:{version}",
        ["debian"] = (_, major) => $"docker://debian:{major}",
    };

    private const string Fallback = "docker://debian:stable";

    /// <summary>The base image for the host described by <paramref name="osRelease"/> (the text of /etc/os-release).</summary>
    public static BaseImage Choose(string osRelease)
    {
        var fields = Parse(osRelease);
        var id = fields.GetValueOrDefault("ID", "");
        var version = fields.GetValueOrDefault("VERSION_ID", "");
        var major = version.Split('.')[0];
        if (Images.TryGetValue(id, out var image) && version.Length > 0)
        {
            return new BaseImage(image(version, major), false, $"host is {id} {version}");
        }
        var like = fields.GetValueOrDefault("ID_LIKE", "").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(Images.ContainsKey);
        return like is not null && version.Length > 0
            ? new BaseImage(Images[like](version, major), true, $"host is '{id}' {version}, like {like}")
            : new BaseImage(Fallback, true, $"no base image is known for host '{id}' '{version}'");
    }

    /// <summary>The KEY=VALUE fields of an os-release file, quotes removed.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string osRelease) =>
        osRelease.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#') && line.Contains('='))
            .Select(line => (Key: line[..line.IndexOf('=')], Value: line[(line.IndexOf('=') + 1)..].Trim('"', '\'')))
            .GroupBy(field => field.Key)
            .ToDictionary(group => group.Key, group => group.Last().Value, StringComparer.Ordinal);
}
