namespace Tykky.Builder.Container;

/// <summary>
/// What an isolated installation with an image sees inside: the container's root, with the install
/// tree mounted at the installation path over it (as the launcher will mount the image).
/// </summary>
/// <param name="container">The container's files.</param>
/// <param name="installationPath">Where the install tree is mounted inside.</param>
/// <param name="installTree">The install tree's files (paths inside, mapped to the build directory).</param>
public sealed class InstallTreeOverContainer(IContainerFiles container, string installationPath, IContainerFiles installTree) : IContainerFiles
{
    /// <inheritdoc/>
    public ContainerFile? Get(string path) => FilesAt(path).Get(path);

    /// <inheritdoc/>
    public IEnumerable<string> Names(string directory)
    {
        var names = FilesAt(directory).Names(directory);
        // a parent of the installation path also holds the path's next component, as the mount point does
        var below = installationPath.StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal)
            ? installationPath[(directory.TrimEnd('/').Length + 1)..].Split('/')[0]
            : null;
        return below is null ? names : names.Append(below).Distinct(StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public string? ReadText(string path) => FilesAt(path).ReadText(path);

    /// <inheritdoc/>
    public byte[]? ReadStart(string path, int count) => FilesAt(path).ReadStart(path, count);

    private IContainerFiles FilesAt(string path) =>
        path == installationPath || path.StartsWith(installationPath + "/", StringComparison.Ordinal) ? installTree : container;
}
