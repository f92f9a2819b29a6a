using Tykky.Tests;

namespace Tykky.Builder.Tests.Fixtures;

/// <summary>
/// An installation tree on disk standing for <c>/LOCAL_TYKKY</c> inside the container, with the same
/// path mapping as the build (<see cref="OnHost"/>): paths under the installation path map into the
/// tree, every other path is the host's.
/// </summary>
internal sealed class ImageTree : IDisposable
{
    public const string InstallationPath = "/LOCAL_TYKKY";

    private readonly TempDir _root = new("scanner");

    public ImageTree() => System.IO.Directory.CreateDirectory(Tree);

    /// <summary>The host directory holding what is <see cref="InstallationPath"/> inside.</summary>
    public string Tree => _root["inst"];

    /// <summary>A host path beside the tree (outside the installation).</summary>
    public string Outside(string relative) => _root[relative];

    public string OnHost(string pathInside) =>
        pathInside == InstallationPath ? Tree
        : pathInside.StartsWith(InstallationPath + "/", StringComparison.Ordinal) ? Tree + pathInside[InstallationPath.Length..]
        : pathInside;

    /// <summary>An executable at <paramref name="relative"/> below the installation.</summary>
    public void Program(string relative) => _root.Write($"inst/{relative}", "#!/bin/sh\n", executable: true);

    /// <summary>A plain (non-executable) file.</summary>
    public void File(string relative, UnixFileMode? mode = null)
    {
        var path = _root.Write($"inst/{relative}", "data\n");
        System.IO.File.SetUnixFileMode(path, mode ?? (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead));
    }

    public void Directory(string relative) => System.IO.Directory.CreateDirectory(Path.Join(Tree, relative));

    /// <summary>A symbolic link below the installation with the given target text.</summary>
    public void Link(string relative, string target)
    {
        var path = Path.Join(Tree, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.CreateSymbolicLink(path, target);
    }

    public void Dispose() => _root.Dispose();
}
