namespace Tykky.Builder.Container;

/// <summary>Path resolution inside a container's view of its files, links followed as the kernel would inside.</summary>
public static class ContainerPaths
{
    /// <summary>As in the kernel (MAXSYMLINKS): more links than this in one lookup is a loop.</summary>
    private const int MaxLinks = 40;

    /// <summary>
    /// The physical path of <paramref name="path"/> (every link resolved, also in its directories) and its
    /// entry; the entry is null when the path does not exist or the links loop.
    /// </summary>
    public static (string Path, ContainerFile? Entry) Resolve(IContainerFiles files, string path)
    {
        var pending = new Stack<string>(Components(path).Reverse());
        var current = "/";
        var entry = files.Get("/");
        for (var links = 0; pending.Count > 0;)
        {
            var component = pending.Pop();
            if (component == "..")
            {
                current = Parent(current);
                entry = files.Get(current);
                continue;
            }
            var candidate = Join(current, component);
            entry = files.Get(candidate);
            if (entry is null)
            {
                return (string.Join('/', [candidate, .. pending]), null);
            }
            if (entry.Kind == ContainerFileKind.Link)
            {
                if (++links > MaxLinks)
                {
                    return (candidate, null);
                }
                foreach (var part in Components(entry.LinkTarget!).Reverse())
                {
                    pending.Push(part);
                }
                current = entry.LinkTarget!.StartsWith('/') ? "/" : current;
                entry = files.Get(current);
                continue;
            }
            current = candidate;
        }
        return (current, entry);
    }

    /// <summary>The parent of an absolute path ("/" for "/").</summary>
    public static string Parent(string path) => path.LastIndexOf('/') is > 0 and var slash ? path[..slash] : "/";

    /// <summary>An absolute directory and a name joined.</summary>
    public static string Join(string directory, string name) => directory == "/" ? "/" + name : $"{directory}/{name}";

    private static IEnumerable<string> Components(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(c => c != ".");
}
