using System.Globalization;
using Tykky.Launcher.Native;

namespace Tykky.Launcher.Keeper;

/// <summary>
/// The user's keeper directory (see <see cref="Manifest.KeeperRecords.Directory"/>): it holds the
/// records a launch joins by and the local copies it execs, so it must be the user's own real
/// directory, mode 0700. Checked with one statx(2) that follows no link.
/// </summary>
internal static unsafe class KeeperDirectory
{
    /// <summary>S_IFDIR | 0700.</summary>
    private const ushort PrivateDirectoryMode = 0x41c0;

    /// <summary>True when <paramref name="directory"/> is a directory (not a link to one) of this user with mode 0700.</summary>
    public static bool IsPrivate(string directory)
    {
        Libc.Statx info;
        fixed (byte* p = PosixText.EncodeNullTerminated(directory))
        {
            return Libc.statx(Libc.AT_FDCWD, p, Libc.AT_SYMLINK_NOFOLLOW, Libc.STATX_BASIC_STATS, &info) == 0
                && info.Uid == Libc.getuid() && info.Mode == PrivateDirectoryMode;
        }
    }

    /// <summary>
    /// Creates <paramref name="directory"/> (mode 0700) when it is missing; true when it then is the
    /// user's private directory (someone else's, or one with permissions for others, is not).
    /// </summary>
    public static bool Ensure(string directory)
    {
        if (IsPrivate(directory))
        {
            return true;
        }
        fixed (byte* p = PosixText.EncodeNullTerminated(directory))
        {
            Libc.mkdir(p, 0x1c0); // EEXIST: the check below says whose it is
        }
        return IsPrivate(directory);
    }

    /// <summary>
    /// True when <paramref name="name"/> is what a writer that no longer runs left beside a file's name:
    /// every file of the directory is written with <see cref="PosixFiles.WriteBeside"/> (the name, a dot,
    /// the writer's pid; renamed to the name when complete), and no other name of it ends in a number.
    /// </summary>
    public static bool IsLeftByEndedWriter(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && int.TryParse(name.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && !PosixFiles.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}");
    }
}
