using Tykky.Builder.Container;

namespace Tykky.Builder.Steps;

/// <summary>A program that gets a wrapper: its name in bin/ and its path inside the container.</summary>
/// <param name="Name">The wrapper's name.</param>
/// <param name="PathInside">The program's absolute path inside the container.</param>
public sealed record WrapperTarget(string Name, string PathInside);

/// <summary>
/// Finds the programs under the wrapper paths (upstream generate_wrappers.sh): executables and links to
/// executables, or every file with wrap_all; a path that is a file wraps that program alone. Links are
/// followed in the container's view of its files, so a link to /usr/bin/python3.12 means that file
/// inside, wherever the view keeps it at build time.
/// </summary>
public static class WrapperScanner
{
    /// <summary>The wrapper targets in an install tree whose paths inside map to host paths through <paramref name="onHost"/>.</summary>
    public static (IReadOnlyList<WrapperTarget> Targets, IReadOnlyList<string> Warnings) Scan(IReadOnlyList<string> wrapperPaths, Func<string, string> onHost, bool wrapAll) =>
        Scan(wrapperPaths, new MappedHostFiles(onHost), wrapAll, "the installation");

    /// <summary>The wrapper targets in <paramref name="files"/>, and the warnings about paths that gave none.</summary>
    /// <param name="wrapperPaths">Absolute paths inside.</param>
    /// <param name="files">The container's files.</param>
    /// <param name="wrapAll">Wrap every file, not only executables.</param>
    /// <param name="place">What the files are, for warnings ("the installation", "the container").</param>
    public static (IReadOnlyList<WrapperTarget> Targets, IReadOnlyList<string> Warnings) Scan(IReadOnlyList<string> wrapperPaths, IContainerFiles files, bool wrapAll, string place)
    {
        var targets = new List<WrapperTarget>();
        var warnings = new List<string>();
        foreach (var wrapperPath in wrapperPaths)
        {
            var found = ProgramsUnder(wrapperPath, files, wrapAll).ToArray();
            if (found.Length == 0)
            {
                warnings.Add($"Wrapper path {wrapperPath} does not exist in {place} or has no {(wrapAll ? "files" : "executables")}; if only executables are wrapped, did you forget chmod +x?");
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

    private static IEnumerable<WrapperTarget> ProgramsUnder(string wrapperPath, IContainerFiles files, bool wrapAll)
    {
        var (directory, entry) = ContainerPaths.Resolve(files, wrapperPath);
        return entry?.Kind switch
        {
            ContainerFileKind.File => [new WrapperTarget(Path.GetFileName(wrapperPath.TrimEnd('/')), wrapperPath)],
            ContainerFileKind.Directory => files.Names(directory)
                .Order(StringComparer.Ordinal)
                .Select(name => $"{wrapperPath.TrimEnd('/')}/{name}")
                .Where(inside => IsProgram(ContainerPaths.Resolve(files, inside).Entry, wrapAll))
                .Select(inside => new WrapperTarget(Path.GetFileName(inside), inside)),
            ContainerFileKind.Link or null => [], // missing, or links that loop
        };
    }

    private static bool IsProgram(ContainerFile? file, bool wrapAll) =>
        file is { Kind: ContainerFileKind.File } && (wrapAll || file.IsExecutableFile);
}
