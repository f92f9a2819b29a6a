using System.Runtime.InteropServices;

namespace Tykky.Builder.Native;

/// <summary>libc calls the BCL does not offer: private temporary directories and access checks.</summary>
public static unsafe partial class PosixDirectories
{
    private const int R_OK = 4;
    private const int W_OK = 2;
    private const int X_OK = 1;

    [LibraryImport("libc", SetLastError = true)]
    private static partial byte* mkdtemp(byte* template);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int access(string path, int mode);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial byte* realpath(string path, byte* resolved);

    [LibraryImport("libc")]
    private static partial void free(void* pointer);

    /// <summary>The canonical path (links resolved), or the absolute path itself when it does not exist.</summary>
    public static string Canonical(string path)
    {
        var resolved = realpath(path, null);
        if (resolved is null)
        {
            return Path.GetFullPath(path);
        }
        try
        {
            return Marshal.PtrToStringUTF8((nint)resolved)!;
        }
        finally
        {
            free(resolved);
        }
    }

    /// <summary>The nearest of <paramref name="path"/> (absolute) and its ancestors that is a directory ("/" at the end).</summary>
    public static string NearestExisting(string path)
    {
        var existing = path;
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing) ?? "/";
        }
        return existing;
    }

    /// <summary>The canonical path of <paramref name="path"/> (absolute), as far as it exists: its nearest existing directory resolved, the rest appended.</summary>
    public static string CanonicalOfNearestExisting(string path)
    {
        var existing = NearestExisting(path);
        var rest = Path.GetRelativePath(existing, path);
        return rest == "." ? Canonical(existing) : Path.Join(Canonical(existing), rest);
    }

    /// <summary>Creates a new directory <c>&lt;parent&gt;/&lt;prefix&gt;XXXXXX</c>, mode 0700, atomically (mkdtemp(3)).</summary>
    public static string CreateUnique(string parent, string prefix)
    {
        var template = System.Text.Encoding.UTF8.GetBytes(Path.Join(parent, prefix + "XXXXXX") + "\0");
        fixed (byte* t = template)
        {
            if (mkdtemp(t) is null)
            {
                throw new BuildException($"Cannot create a directory in '{parent}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}; check that it is writable");
            }
        }
        return System.Text.Encoding.UTF8.GetString(template, 0, template.Length - 1);
    }

    /// <summary>True when the current user may open <paramref name="path"/> for reading and writing (access(2): the real uid's rights).</summary>
    public static bool IsReadableAndWritable(string path) => access(path, R_OK | W_OK) == 0;

    /// <summary>True when the current user may create entries in <paramref name="directory"/>.</summary>
    public static bool IsWritable(string directory) => access(directory, W_OK | X_OK) == 0;
}
