namespace Tykky.Builder.Container;

/// <summary>What a directory entry inside a container is.</summary>
public enum ContainerFileKind
{
    /// <summary>A regular file (or anything else that is not a directory or a link: devices, fifos).</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link.</summary>
    Link,
}

/// <summary>One entry of a container's file system, as lstat(2) would describe it.</summary>
/// <param name="Kind">File, directory or link.</param>
/// <param name="Mode">Permission bits.</param>
/// <param name="LinkTarget">The link's text, for a link.</param>
public sealed record ContainerFile(ContainerFileKind Kind, UnixFileMode Mode, string? LinkTarget = null)
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>A file anyone may execute (any execute bit, as upstream's <c>ls -F</c> marks with '*').</summary>
    public bool IsExecutableFile => Kind == ContainerFileKind.File && (Mode & AnyExecute) != 0;
}
