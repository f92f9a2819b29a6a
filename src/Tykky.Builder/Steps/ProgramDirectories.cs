using Tykky.Builder.Container;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>
/// Directories derived from the wrapper paths, in the container's view: those put on PATH inside an
/// isolated container, and the library directories of add_ld. Pure over <see cref="IContainerFiles"/>.
/// </summary>
public static class ProgramDirectories
{
    private static readonly string[] LibraryDirectoryNames = ["lib", "lib64"];

    /// <summary>
    /// Isolated containers do not see the caller's PATH (and with it the installation's bin), so the
    /// wrapped directories go first on PATH inside, as upstream generate_wrappers.sh does, and the
    /// programs find each other. A file path contributes its directory; a missing path nothing.
    /// </summary>
    public static EnvironmentChange? SearchPath(bool isolate, IReadOnlyList<string> wrapperPaths, IContainerFiles files)
    {
        var directories = wrapperPaths
            .Select(p => (Path: p.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/", ContainerPaths.Resolve(files, p).Entry))
            .Select(p => p.Entry?.Kind switch
            {
                ContainerFileKind.Directory => p.Path,
                ContainerFileKind.File => ContainerPaths.Parent(p.Path),
                ContainerFileKind.Link or null => null,
            })
            .OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        return isolate && directories.Length > 0
            ? new EnvironmentChange { Action = EnvironmentAction.Prepend, Name = "PATH", Value = string.Join(':', directories) }
            : null;
    }

    /// <summary>add_ld: the lib and lib64 directories beside each wrapper directory (upstream: <c>$wrapper_path/../lib*</c>).</summary>
    public static IReadOnlyList<string> Libraries(IReadOnlyList<string> wrapperPaths, IContainerFiles files) =>
        wrapperPaths
            .Select(p => ContainerPaths.Parent(p.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/"))
            .SelectMany(parent => LibraryDirectoryNames.Select(name => ContainerPaths.Join(parent, name)))
            .Where(directory => ContainerPaths.Resolve(files, directory).Entry?.Kind == ContainerFileKind.Directory)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
}
