namespace Tykky.Launcher.Native;

/// <summary>The few path queries the launcher makes, on byte-exact paths (see <see cref="PosixText"/>).</summary>
internal static unsafe class PosixFiles
{
    /// <summary>Linux SYMLOOP_MAX: the kernel gives up after this many links too.</summary>
    public const int MaxSymlinkHops = 40;

    /// <summary>The target of a symbolic link, or null when <paramref name="path"/> is not a link.</summary>
    public static string? ReadLink(string path)
    {
        var encoded = PosixText.EncodeNullTerminated(path);
        var buffer = new byte[4096];
        fixed (byte* p = encoded)
        fixed (byte* b = buffer)
        {
            var length = Libc.readlink(p, b, buffer.Length);
            return length < 0 ? null : PosixText.Decode(buffer.AsSpan(0, (int)length));
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
                return PosixText.Decode(new ReadOnlySpan<byte>(resolved, System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(resolved).Length));
            }
            finally
            {
                Libc.free(resolved);
            }
        }
    }

    /// <summary>True when <paramref name="path"/> exists (following links).</summary>
    public static bool Exists(string path) => Access(path, 0);

    /// <summary>True when the caller may execute <paramref name="path"/>.</summary>
    public static bool IsExecutable(string path) => Access(path, Libc.X_OK) && !Directory.Exists(path);

    private static bool Access(string path, int mode)
    {
        var encoded = PosixText.EncodeNullTerminated(path);
        fixed (byte* p = encoded)
        {
            return Libc.access(p, mode) == 0;
        }
    }

    /// <summary>Reads a whole file, or null when it cannot be read.</summary>
    public static byte[]? TryReadAll(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
