using System.Globalization;
using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Native;

namespace Tykky.Launcher.Keeper;

/// <summary>
/// Local copies of the two files of a generation that every launch through its keeper reads: the
/// manifest and the joiner, in the user's keeper directory (a tmpfs, or /tmp: local to the node). On
/// the prefix's filesystem each of them costs a launch three metadata round trips (a look-up, the
/// open, a read), and the generation's directory three more to open; from the copies, none.
/// <para>
/// A launch that joins or starts a keeper writes the copies when it did not find them; later launches
/// of the same generation read them. They are named after the generation's directory and the running
/// launcher file (device, inode, change time and size, from statx with AT_STATX_DONT_SYNC: the
/// attributes the kernel got at the exec, asked for again from no server), so a prefix made anew at the
/// same path, whose launcher is a new file, never finds the old one's copies. A generation never
/// changes once deployed. The copies go when no keeper serves their generation any more (see
/// <see cref="RemoveUnserved"/>). Each is written beside its name and renamed there, and a launch
/// falls back to the prefix's files whenever one is missing, so the copies only ever save work.
/// </para>
/// </summary>
/// <param name="Directory">The user's keeper directory (see <see cref="KeeperRecords.Directory"/>).</param>
/// <param name="Manifest">The manifest's copy.</param>
/// <param name="Joiner">The joiner's copy.</param>
internal sealed unsafe record LocalCopies(string Directory, string Manifest, string Joiner)
{
    /// <summary>Extension of a manifest's copy.</summary>
    private const string ManifestExtension = ".manifest";

    /// <summary>Extension of a joiner's copy.</summary>
    private const string JoinerExtension = ".join";

    /// <summary>The copies a launch would find, as they would be written: the manifest's bytes read from the prefix.</summary>
    public byte[]? ManifestToWrite { get; init; }

    /// <summary>
    /// The copies of <paramref name="generation"/>'s files in <paramref name="directory"/> for the
    /// launcher binary that runs (<c>/proc/self/exe</c>); null when its attributes cannot be read.
    /// </summary>
    public static LocalCopies? For(string generation, string directory)
    {
        Libc.Statx launcher;
        fixed (byte* exe = "/proc/self/exe\0"u8)
        {
            if (Libc.statx(Libc.AT_FDCWD, exe, Libc.AT_STATX_DONT_SYNC, Libc.STATX_BASIC_STATS, &launcher) != 0)
            {
                return null;
            }
        }
        ReadOnlySpan<ulong> fields = [launcher.DeviceMajor, launcher.DeviceMinor, launcher.Inode, (ulong)launcher.ChangeSeconds, launcher.ChangeNanoseconds, launcher.Size];
        var identity = PosixText.Fnv1a(System.Runtime.InteropServices.MemoryMarshal.AsBytes(fields));
        var stem = PathText.Join(directory, $"{GenerationTag(generation)}-{identity:x16}");
        return new LocalCopies(directory, stem + ManifestExtension, stem + JoinerExtension);
    }

    /// <summary>The manifest's copy, or null when there is none or the directory is not the user's own 0700 directory.</summary>
    public byte[]? ReadManifest() => KeeperDirectory.IsPrivate(Directory) ? PosixFiles.ReadRegularFile(Manifest, out _) : null;

    /// <summary>
    /// Writes the joiner's copy from <paramref name="joiner"/> and then the manifest's
    /// (<see cref="ManifestToWrite"/>), so a launch that finds the manifest's finds the joiner's, unless
    /// another launch (one that raced this one to the keeper) wrote them meanwhile. True when the
    /// joiner's copy is in place. The directory is the user's own (the caller made sure).
    /// </summary>
    public bool Write(string joiner)
    {
        if (PosixFiles.Exists(Manifest))
        {
            return true;
        }
        if (ManifestToWrite is not { } manifest || !CopyExecutable(joiner, Joiner))
        {
            return false;
        }
        PosixFiles.WriteBeside(Manifest, 0x180, fd => PosixFiles.WriteAll(fd, manifest));
        return true;
    }

    /// <summary>
    /// Removes from <paramref name="directory"/> (whose entries are <paramref name="names"/>) the
    /// copies of generations that no keeper in <paramref name="served"/> (the live keepers' records)
    /// serves.
    /// </summary>
    public static void RemoveUnserved(string directory, IEnumerable<string> names, IEnumerable<KeeperRecord> served)
    {
        var tags = served.Select(record => GenerationTag(record.Prefix)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (IsCopy(name) && !tags.Contains(name.Split('-')[0]))
            {
                Unlink(PathText.Join(directory, name));
            }
        }
    }

    private static string GenerationTag(string generation) => PosixText.Fnv1a(generation).ToString("x16", CultureInfo.InvariantCulture);

    private static bool IsCopy(string name) => name.EndsWith(ManifestExtension, StringComparison.Ordinal) || name.EndsWith(JoinerExtension, StringComparison.Ordinal);

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> (mode 0700) in the kernel: its pages never enter this process.</summary>
    private static bool CopyExecutable(string source, string target)
    {
        var from = PosixFiles.OpenForReading(source);
        if (from < 0)
        {
            return false;
        }
        try
        {
            return PosixFiles.WriteBeside(target, 0x1c0, to =>
            {
                nint sent;
                while ((sent = Libc.sendfile(to, from, null, 1 << 30)) > 0)
                {
                }
                return sent == 0;
            });
        }
        finally
        {
            Libc.close(from);
        }
    }

    private static void Unlink(string path)
    {
        fixed (byte* p = PosixText.EncodeNullTerminated(path))
        {
            Libc.unlink(p);
        }
    }
}
