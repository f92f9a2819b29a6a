namespace Tykky.Builder.Container;

/// <summary>
/// Container files that are on the host under another name: the install tree (paths below the
/// installation path map into the build directory, the rest is the host's) or a sandbox directory
/// (every path maps below its root).
/// </summary>
/// <param name="onHost">The host path of a path inside.</param>
public sealed class MappedHostFiles(Func<string, string> onHost) : IContainerFiles
{
    /// <summary>The files of a sandbox directory whose root is <paramref name="root"/> on the host.</summary>
    public static MappedHostFiles UnderRoot(string root) => new(path => path == "/" ? root : root.TrimEnd('/') + path);

    /// <inheritdoc/>
    public ContainerFile? Get(string path)
    {
        var host = new FileInfo(onHost(path));
        if (host.LinkTarget is { } target)
        {
            return new ContainerFile(ContainerFileKind.Link, 0, target);
        }
        return Directory.Exists(host.FullName) ? new ContainerFile(ContainerFileKind.Directory, File.GetUnixFileMode(host.FullName))
            : host.Exists ? new ContainerFile(ContainerFileKind.File, host.UnixFileMode)
            : null;
    }

    /// <inheritdoc/>
    public IEnumerable<string> Names(string directory)
    {
        var host = onHost(directory);
        return Directory.Exists(host) ? Directory.EnumerateFileSystemEntries(host).Select(p => Path.GetFileName(p)) : [];
    }

    /// <inheritdoc/>
    public string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(onHost(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public byte[]? ReadStart(string path, int count)
    {
        try
        {
            using var file = File.OpenRead(onHost(path));
            return StreamReads.ReadUpTo(file, 0, count);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
