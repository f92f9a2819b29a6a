namespace Tykky.Builder.Locks;

/// <summary>A conda explicit spec (<c>conda list --explicit</c>): checked for the build host's platform before anything is installed. Pure.</summary>
public static class ExplicitSpec
{
    /// <summary>
    /// Why <paramref name="text"/> cannot be installed on <paramref name="platform"/>, or null: its
    /// <c># platform:</c> line or a package URL's subdirectory (other than noarch) names another platform.
    /// </summary>
    public static string? PlatformMismatch(string text, string platform)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).ToArray();
        if (lines.FirstOrDefault(l => l.StartsWith("# platform:", StringComparison.Ordinal)) is { } header && header["# platform:".Length..].Trim() is var named && named != platform)
        {
            return $"it is for {named} (its '# platform:' line), not this build host's {platform}";
        }
        var subdirectory = lines.Where(l => l.Contains("://", StringComparison.Ordinal)).Select(SubdirectoryOf)
            .FirstOrDefault(s => s is not null && s != platform && s != "noarch");
        return subdirectory is null ? null : $"it holds packages for {subdirectory}, not this build host's {platform}";
    }

    /// <summary>A package URL's subdirectory: <c>.../conda-forge/linux-64/python-3.12.conda</c> is linux-64.</summary>
    private static string? SubdirectoryOf(string url)
    {
        var parts = url.Split('#', 2)[0].Split('/');
        return parts.Length >= 2 ? parts[^2] : null;
    }
}
