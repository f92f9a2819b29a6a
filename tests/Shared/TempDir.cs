namespace Tykky.Tests;

/// <summary>A temporary directory removed when disposed (world-readable, so another test user can enter it).</summary>
public sealed class TempDir : IDisposable
{
    /// <summary>Creates a new directory under /tmp.</summary>
    public TempDir(string purpose = "test")
    {
        Path = Directory.CreateTempSubdirectory($"tykky-{purpose}-").FullName;
        File.SetUnixFileMode(Path, (UnixFileMode)Convert.ToInt32("755", 8));
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory.</summary>
    public string this[string relative] => System.IO.Path.Join(Path, relative);

    /// <summary>Writes a file (creating parent directories), optionally executable.</summary>
    public string Write(string relative, string content, bool executable = false)
    {
        var file = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        if (executable)
        {
            File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32("755", 8));
        }
        return file;
    }

    /// <summary>Removes the directory and everything below it.</summary>
    public void Dispose()
    {
        try
        {
            foreach (var directory in Directory.EnumerateDirectories(Path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                File.SetUnixFileMode(directory, (UnixFileMode)Convert.ToInt32("755", 8));
            }
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
