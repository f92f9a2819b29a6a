namespace Tykky.Builder.Native;

/// <summary>
/// Copies a file the way cp does without -p: the copy is created with the source's permission bits
/// less the umask. File.Copy would give it the source's mode as it is, which ignores a site's or a
/// project's umask (upstream post.sh relies on it: "permissions follow the umask").
/// </summary>
public static class UmaskedCopy
{
    /// <summary>Copies <paramref name="source"/> to the new file <paramref name="target"/>.</summary>
    public static void Copy(string source, string target)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            // open(2) applies the umask to this mode.
            UnixCreateMode = File.GetUnixFileMode(source),
        };
        using var input = File.OpenRead(source);
        using var output = new FileStream(target, options);
        try
        {
            input.CopyTo(output);
            output.Flush();
        }
        catch (IOException e) when (Steps.DiskFull.Is(e))
        {
            // what was needed: the message of a full disk names the file, not the size
            throw new IOException($"{e.Message.TrimEnd('.')}; copying {source} needs {input.Length / 1024 + 1} KiB there", e.HResult);
        }
    }
}
