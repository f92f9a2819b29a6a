namespace Tykky.Launcher.Host;

/// <summary>Pure string operations on POSIX paths (no file system access).</summary>
internal static class PathText
{
    /// <summary>The directory part: "/a/b" → "/a", "b" → ".", "/b" → "/".</summary>
    public static string DirectoryOf(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0 && path.Length > 0)
        {
            return "/";
        }
        var slash = trimmed.LastIndexOf('/');
        return slash switch
        {
            < 0 => ".",
            0 => "/",
            _ => trimmed[..slash],
        };
    }

    /// <summary>The last component: "/a/b" → "b".</summary>
    public static string NameOf(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    /// <summary>Joins a link target to the directory holding the link, as the kernel resolves it.</summary>
    public static string ResolveAgainst(string directory, string target) =>
        target.StartsWith('/') ? target : Join(directory, target);

    /// <summary>
    /// <paramref name="path"/> made absolute against <paramref name="directory"/>: "./a" from "/d" is "/d/a".
    /// "." components and repeated slashes go; ".." stays, since only the kernel knows where it leads
    /// after a symbolic link.
    /// </summary>
    public static string Absolute(string directory, string path)
    {
        if (path.StartsWith('/'))
        {
            return path;
        }
        var parts = path.Split('/').Where(p => p is not ("" or "."));
        var joined = string.Join('/', parts);
        return joined.Length == 0 ? directory : Join(directory, joined);
    }

    /// <summary>Joins two path parts with exactly one slash.</summary>
    public static string Join(string left, string right) =>
        left.EndsWith('/') ? left + right.TrimStart('/') : left + "/" + right.TrimStart('/');

    /// <summary>True when <paramref name="path"/> is <paramref name="ancestor"/> or lies below it.</summary>
    /// <remarks>Allocates nothing: the planners ask it for every pair of mounts of a launch.</remarks>
    public static bool IsAtOrBelow(string path, string ancestor)
    {
        if (ancestor == "/" || path == ancestor)
        {
            return true;
        }
        var stem = ancestor.AsSpan().TrimEnd('/');
        return path.Length > stem.Length && path[stem.Length] == '/' && path.AsSpan().StartsWith(stem, StringComparison.Ordinal);
    }
}
