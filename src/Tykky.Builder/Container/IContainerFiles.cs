namespace Tykky.Builder.Container;

/// <summary>
/// The files of a container as seen from inside it, at build time: an install tree mapped onto the
/// host, a sandbox directory, or the listing of a squashfs image. Paths are absolute paths inside the
/// container whose directories are real directories (no links); <see cref="ContainerPaths.Resolve"/>
/// turns any path into such a one.
/// </summary>
public interface IContainerFiles
{
    /// <summary>The entry at <paramref name="path"/> (links not followed), or null when there is none.</summary>
    ContainerFile? Get(string path);

    /// <summary>The names in directory <paramref name="directory"/>; empty when it is not a directory.</summary>
    IEnumerable<string> Names(string directory);

    /// <summary>The text of the file at <paramref name="path"/>, or null when it cannot be read.</summary>
    string? ReadText(string path);

    /// <summary>The first <paramref name="count"/> bytes (fewer for a shorter file) of the file at <paramref name="path"/>, or null when it cannot be read.</summary>
    byte[]? ReadStart(string path, int count);
}
