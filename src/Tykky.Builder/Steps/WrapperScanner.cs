namespace Tykky.Builder.Steps;

/// <summary>A program that gets a wrapper: its name in bin/ and its path inside the container.</summary>
/// <param name="Name">The wrapper's name.</param>
/// <param name="PathInside">The program's absolute path inside the container.</param>
public sealed record WrapperTarget(string Name, string PathInside);

/// <summary>
/// Finds the programs under the wrapper paths (upstream generate_wrappers.sh): executables and links to
/// executables, or every file with wrap_all; a path that is a file wraps that program alone. Links are
/// followed inside the image's view (absolute targets mapped through <c>onHost</c>).
/// </summary>
public static class WrapperScanner
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>The wrapper targets and the warnings about paths that gave none.</summary>
    public static (IReadOnlyList<WrapperTarget> Targets, IReadOnlyList<string> Warnings) Scan(IReadOnlyList<string> wrapperPaths, Func<string, string> onHost, bool wrapAll)
    {
        var targets = new List<WrapperTarget>();
        var warnings = new List<string>();
        foreach (var wrapperPath in wrapperPaths)
        {
            var found = ProgramsUnder(wrapperPath, onHost, wrapAll).ToArray();
            if (found.Length == 0)
            {
                warnings.Add($"Wrapper path {wrapperPath} does not exist in the installation or has no {(wrapAll ? "files" : "executables")}; if only executables are wrapped, did you forget chmod +x?");
            }
            foreach (var target in found)
            {
                if (targets.FirstOrDefault(t => t.Name == target.Name) is { } first)
                {
                    warnings.Add($"Multiple programs are named '{target.Name}': {first.PathInside} gets the wrapper, {target.PathInside} does not");
                    continue;
                }
                targets.Add(target);
            }
        }
        return (targets, warnings);
    }

    private static IEnumerable<WrapperTarget> ProgramsUnder(string wrapperPath, Func<string, string> onHost, bool wrapAll)
    {
        var resolved = Resolve(wrapperPath, onHost);
        if (File.Exists(resolved))
        {
            return [new WrapperTarget(Path.GetFileName(wrapperPath), wrapperPath)];
        }
        if (!Directory.Exists(resolved))
        {
            return [];
        }
        return Directory.EnumerateFileSystemEntries(resolved)
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Select(name => $"{wrapperPath.TrimEnd('/')}/{name}")
            .Where(inside => IsProgram(Resolve(inside, onHost), wrapAll))
            .Select(inside => new WrapperTarget(Path.GetFileName(inside), inside));
    }

    private static bool IsProgram(string hostPath, bool wrapAll) =>
        File.Exists(hostPath) && (wrapAll || (File.GetUnixFileMode(hostPath) & AnyExecute) != 0);

    /// <summary>The host path of <paramref name="pathInside"/> with every link resolved in the container's view.</summary>
    private static string Resolve(string pathInside, Func<string, string> onHost)
    {
        for (var hop = 0; hop < 40; hop++)
        {
            var onDisk = onHost(pathInside);
            var link = new FileInfo(onDisk).LinkTarget;
            if (link is null)
            {
                return onDisk;
            }
            pathInside = Path.GetFullPath(link.StartsWith('/') ? link : Path.Join(Path.GetDirectoryName(pathInside), link));
        }
        return pathInside;
    }
}
