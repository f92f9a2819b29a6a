namespace Tykky.Launcher.Native;

/// <summary>The few path queries the launcher makes, on byte-exact paths (see <see cref="PosixText"/>).</summary>
internal static unsafe class PosixFiles
{
    /// <summary>Linux SYMLOOP_MAX: the kernel gives up after this many links too.</summary>
    public const int MaxSymlinkHops = 40;

    /// <summary>Linux PATH_MAX: the longest path (and link text) the kernel hands out, in bytes with its NUL.</summary>
    private const int PathMax = 4096;

    /// <summary>The target of a symbolic link, or null when <paramref name="path"/> is not a link.</summary>
    public static string? ReadLink(string path)
    {
        var encoded = PosixText.EncodeNullTerminated(path);
        Span<byte> buffer = stackalloc byte[PathMax];
        fixed (byte* p = encoded)
        fixed (byte* b = buffer)
        {
            var length = Libc.readlink(p, b, buffer.Length);
            return length < 0 ? null : PosixText.Decode(buffer[..(int)length]);
        }
    }

    /// <summary>The canonical absolute path (all links and dot components resolved), or null when it does not exist.</summary>
    public static string? RealPath(string path)
    {
        var encoded = PosixText.EncodeNullTerminated(path);
        fixed (byte* p = encoded)
        {
            var resolved = Libc.realpath(p, null);
            if (resolved is null)
            {
                return null;
            }
            try
            {
                return PosixText.Decode(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(resolved));
            }
            finally
            {
                Libc.free(resolved);
            }
        }
    }

    /// <summary>The current directory as getcwd(3) names it, or null when it cannot (removed, or a parent unreadable).</summary>
    public static string? WorkingDirectory()
    {
        Span<byte> buffer = stackalloc byte[PathMax];
        fixed (byte* b = buffer)
        {
            return Libc.getcwd(b, buffer.Length) is null ? null : PosixText.Decode(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(b));
        }
    }

    /// <summary>
    /// Writes all of <paramref name="bytes"/> to <paramref name="fd"/> at its own offset: one write(2)
    /// unless the kernel takes less, then the rest. False when a write fails.
    /// </summary>
    public static bool WriteAll(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            for (var written = 0; written < bytes.Length;)
            {
                var result = Libc.write(fd, start + written, bytes.Length - written);
                if (result < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Libc.EINTR)
                {
                    continue;
                }
                if (result <= 0)
                {
                    return false;
                }
                written += (int)result;
            }
        }
        return true;
    }

    /// <summary>
    /// Writes a new file beside <paramref name="path"/> (its name with <c>.PID</c> after it) with
    /// <paramref name="write"/>, created with <paramref name="mode"/> less the umask, and renames it
    /// there: readers see all of it or nothing. A file a killed writer of this pid left there is
    /// replaced. False, and nothing left beside the name, on any failure.
    /// </summary>
    public static bool WriteBeside(string path, int mode, Func<int, bool> write)
    {
        var temporary = PosixText.EncodeNullTerminated($"{path}.{Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        fixed (byte* t = temporary)
        fixed (byte* p = PosixText.EncodeNullTerminated(path))
        {
            Libc.unlink(t);
            var fd = Libc.open(t, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_CLOEXEC, mode);
            if (fd < 0)
            {
                return false;
            }
            var written = write(fd);
            if (Libc.close(fd) == 0 && written && Libc.rename(t, p) == 0)
            {
                return true;
            }
            Libc.unlink(t);
            return false;
        }
    }

    /// <summary>d_type values of readdir(3).</summary>
    public enum EntryType : byte
    {
        /// <summary>The filesystem does not say; ask stat.</summary>
        Unknown = 0,

        /// <summary>A directory.</summary>
        Directory = 4,

        /// <summary>A symbolic link.</summary>
        Link = 10,
    }

    /// <summary>
    /// The entries of a directory with their d_type, without a stat per entry. Offsets are those of
    /// Linux's <c>struct dirent64</c> (d_ino 8, d_off 8, d_reclen 2, d_type 1, d_name), the same on
    /// every 64-bit architecture.
    /// </summary>
    public static IReadOnlyList<(string Name, EntryType Type)> ReadDirectory(string path)
    {
        const int TypeOffset = 18;
        const int NameOffset = 19;
        var entries = new List<(string, EntryType)>();
        var encoded = PosixText.EncodeNullTerminated(path);
        nint directory;
        fixed (byte* p = encoded)
        {
            directory = Libc.opendir(p);
        }
        if (directory == 0)
        {
            return entries;
        }
        try
        {
            for (var entry = Libc.readdir64(directory); entry is not null; entry = Libc.readdir64(directory))
            {
                var name = PosixText.Decode(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(entry + NameOffset));
                if (name is not ("." or ".."))
                {
                    entries.Add((name, (EntryType)entry[TypeOffset]));
                }
            }
        }
        finally
        {
            Libc.closedir(directory);
        }
        return entries;
    }

    /// <summary>True when <paramref name="path"/> exists (following links).</summary>
    public static bool Exists(string path) => Access(path, 0);

    /// <summary>True when the caller may execute <paramref name="path"/> and it is no directory (a PATH search).</summary>
    public static bool IsExecutable(string path) => MayExecute(path) && !Directory.Exists(path);

    /// <summary>True when the caller has execute permission on <paramref name="path"/> (one access(2)).</summary>
    private static bool MayExecute(string path) => Access(path, Libc.X_OK);

    private static bool Access(string path, int mode)
    {
        var encoded = PosixText.EncodeNullTerminated(path);
        fixed (byte* p = encoded)
        {
            return Libc.access(p, mode) == 0;
        }
    }

    /// <summary>Reads a whole file, or null when it cannot be read.</summary>
    public static byte[]? TryReadAll(string path) => ReadAll(path, out _);

    /// <summary>
    /// Reads a whole file by open(2) and read(2) to its end, or null with the errno in
    /// <paramref name="error"/>. No stat: the files of /proc have no size, and on a parallel
    /// filesystem each stat is a metadata round trip.
    /// </summary>
    public static byte[]? ReadAll(string path, out int error) => Read(path, untilShortRead: false, out error);

    /// <summary>
    /// <see cref="ReadAll"/> for a regular file, whose end is the first read shorter than asked
    /// (POSIX: only the end or a signal cuts a regular file's read short; a reader of what was cut
    /// finds it incomplete). A FUSE client asks for the file's attributes again at each read, a
    /// metadata round trip of its own, so the read that would return 0 costs one.
    /// </summary>
    public static byte[]? ReadRegularFile(string path, out int error) => Read(path, untilShortRead: true, out error);

    /// <summary>Opens <paramref name="path"/> for reading, close-on-exec: the descriptor, or -1 with the error in the last P/Invoke error.</summary>
    public static int OpenForReading(string path)
    {
        fixed (byte* p = PosixText.EncodeNullTerminated(path))
        {
            return Libc.open(p, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        }
    }

    private static byte[]? Read(string path, bool untilShortRead, out int error)
    {
        var fd = OpenForReading(path);
        if (fd < 0)
        {
            error = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            return null;
        }
        var contents = ReadToEnd(fd, out error, untilShortRead);
        Libc.close(fd);
        return contents;
    }

    /// <summary>
    /// The first read's size: a page, as most files read here (a manifest, the small files of /proc)
    /// fit in one; a larger first buffer costs every launch page faults (measured: 32 KiB, ~5 more).
    /// A manifest names every program of its installation (~60 bytes each), and on a FUSE client each
    /// read is a metadata round trip of its own, so the buffer doubles when full: a few hundred
    /// programs take a few reads. The buffer is not zeroed, so only what a read fills costs pages.
    /// </summary>
    private const int FirstRead = 4096;

    /// <summary>
    /// Reads <paramref name="fd"/> from its offset to its end, or null with the errno in
    /// <paramref name="error"/>; the end is a read of 0 bytes, or with <paramref name="untilShortRead"/>
    /// any read shorter than asked. Each read asks for all the room left in a buffer that doubles when full.
    /// </summary>
    public static byte[]? ReadToEnd(int fd, out int error, bool untilShortRead = false)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(FirstRead);
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                var larger = GC.AllocateUninitializedArray<byte>(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(larger);
                buffer = larger;
            }
            nint result;
            fixed (byte* free = &buffer[length])
            {
                result = Libc.read(fd, free, buffer.Length - length);
            }
            if (result < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Libc.EINTR)
            {
                continue;
            }
            if (result < 0)
            {
                error = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                return null;
            }
            length += (int)result;
            if (result == 0 || (untilShortRead && length < buffer.Length))
            {
                error = 0;
                return buffer.AsSpan(0, length).ToArray();
            }
        }
    }
}
