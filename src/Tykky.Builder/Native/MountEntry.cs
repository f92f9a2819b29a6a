namespace Tykky.Builder.Native;

/// <summary>One line of /proc/self/mountinfo: a mount in this process's mount namespace.</summary>
/// <param name="MountPoint">Where it is mounted (the kernel's escapes undone).</param>
/// <param name="Device">The file system's device, major:minor (a bind mount has its source's).</param>
/// <param name="FileSystemType">The file system type: ext4, tmpfs, proc, ...</param>
public sealed record MountEntry(string MountPoint, string Device, string FileSystemType);
