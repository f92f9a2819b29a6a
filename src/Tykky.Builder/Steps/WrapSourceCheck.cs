using Tykky.Builder.Inspection;
using Tykky.Builder.Native;

namespace Tykky.Builder.Steps;

/// <summary>
/// Whether wrap-install may copy a directory, and what the copy leaves out. Pure: the paths are
/// canonical and the mounts are this process's (<see cref="MountInfo"/>). Upstream copied whatever it
/// was given; `wrap-install … /` copied /proc until a 76 GB disk was full.
/// </summary>
public static class WrapSourceCheck
{
    /// <summary>
    /// The mounts inside <paramref name="source"/> whose contents the copy leaves out (none with
    /// <paramref name="crossMounts"/>); a <see cref="BuildException"/> when the source must not be copied.
    /// </summary>
    public static IReadOnlyList<MountEntry> MountsLeftOut(string source, string prefix, string buildBase, IReadOnlyList<MountEntry> mounts, bool crossMounts)
    {
        if (source == "/")
        {
            throw new BuildException("Directory to wrap is '/', the whole host (with /proc, /sys and every other file system); give the directory of the installation, e.g. /opt/tool");
        }
        if (MountInfo.IsAtOrBelow(prefix, source))
        {
            throw new BuildException($"Directory to wrap '{source}' holds the installation prefix '{prefix}', so the copy would take in the installation being built; choose a --prefix outside it");
        }
        if (MountInfo.IsAtOrBelow(buildBase, source))
        {
            throw new BuildException($"Directory to wrap '{source}' holds the build directory base '{buildBase}', so the copy would copy itself; set CW_BUILD_TMPDIR (or build_tmpdir_base) to a directory outside it");
        }
        var holder = MountInfo.Holding(mounts, source);
        if (holder is not null && IsSpecial(holder))
        {
            throw new BuildException($"Directory to wrap '{source}' is on a {holder.FileSystemType} file system ('{holder.MountPoint}': the kernel's state, not files to install); give the directory of an installation");
        }
        var inside = mounts.Where(m => m.MountPoint != source && MountInfo.IsAtOrBelow(m.MountPoint, source)).ToArray();
        if (inside.FirstOrDefault(IsSpecial) is { } special)
        {
            throw new BuildException($"Directory to wrap '{source}' holds '{special.MountPoint}', a {special.FileSystemType} file system (the kernel's state, not files to install); wrap a directory without it");
        }
        return crossMounts ? [] : Outermost(inside).Select(mount => LeftOut(mount, holder)).ToArray();
    }

    /// <summary>
    /// Why the copy and its image cannot fit, or null. The copy needs the source's size in the build
    /// directory base; the image, compressed, at most about as much in the prefix; on one file system both at once. Pure.
    /// </summary>
    /// <param name="source">The directory to wrap.</param>
    /// <param name="sourceBytes">Its size (du: blocks in use, links not followed, hard links once, mounts left out as the copy leaves them out).</param>
    /// <param name="buildBase">The build directory base and the space available there.</param>
    /// <param name="prefix">The installation prefix and the space available there.</param>
    /// <param name="sameFileSystem">Whether both are on one file system.</param>
    public static string? SpaceProblem(string source, long sourceBytes, (string Path, long Available) buildBase, (string Path, long Available) prefix, bool sameFileSystem)
    {
        var size = InspectionText.Size(sourceBytes);
        if (sameFileSystem && buildBase.Available < 2 * sourceBytes)
        {
            return $"Directory to wrap '{source}' holds {size}: its copy in the build directory base '{buildBase.Path}' and the image in the prefix '{prefix.Path}' (at most about as big) may need {InspectionText.Size(2 * sourceBytes)} on one file system, which has {InspectionText.Size(buildBase.Available)} available; free space there, or set CW_BUILD_TMPDIR to another file system";
        }
        if (buildBase.Available < sourceBytes)
        {
            return $"Directory to wrap '{source}' holds {size} and the build directory base '{buildBase.Path}' has {InspectionText.Size(buildBase.Available)} available, too little for its copy; set CW_BUILD_TMPDIR to a file system with more room";
        }
        if (prefix.Available < sourceBytes)
        {
            return $"Directory to wrap '{source}' holds {size} and the installation prefix '{prefix.Path}' has {InspectionText.Size(prefix.Available)} available, too little for an image that may be about as big; choose a --prefix with more room, or free space there";
        }
        return null;
    }

    private static bool IsSpecial(MountEntry mount) => MountInfo.SpecialFileSystemTypes.Contains(mount.FileSystemType);

    /// <summary>The mounts not inside another of them; of several on one point, the one on top.</summary>
    private static IEnumerable<MountEntry> Outermost(MountEntry[] inside) =>
        inside.GroupBy(m => m.MountPoint, StringComparer.Ordinal).Select(g => g.Last())
            .Where(m => !inside.Any(other => other.MountPoint != m.MountPoint && MountInfo.IsAtOrBelow(m.MountPoint, other.MountPoint)));

    /// <summary>
    /// cp --one-file-system stays on the source's device: another file system is left out (its mount
    /// point copied as an empty directory), but a bind mount of the same device looks like a directory to it.
    /// </summary>
    private static MountEntry LeftOut(MountEntry mount, MountEntry? holder) =>
        mount.Device == holder?.Device
            ? throw new BuildException($"'{mount.MountPoint}' inside the directory to wrap is a bind mount of the source's own file system, which the copy cannot leave out; unmount it, or give --cross-mounts to copy what it shows")
            : mount;
}
