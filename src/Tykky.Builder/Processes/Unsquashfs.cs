using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Tykky.Builder.Container;

namespace Tykky.Builder.Processes;

/// <summary>What <c>unsquashfs -s</c> says about an image.</summary>
/// <param name="Inodes">Entries in the image: files, directories and links.</param>
/// <param name="Bytes">Size of the filesystem in bytes.</param>
public sealed record SquashfsStatistics(long Inodes, long Bytes);

/// <summary>
/// Reads squashfs images (plain, or inside a SIF at an offset) with squashfs-tools' unsquashfs: a
/// listing, a file's text, the superblock statistics, or all of it unpacked. Offsets need
/// squashfs-tools 4.4 or later.
/// </summary>
public sealed partial class Unsquashfs(ToolRunner runner, string executable)
{
    /// <summary>The unsquashfs on <paramref name="searchPath"/>, or a <see cref="BuildException"/> saying how to install it.</summary>
    public static string Find(string? searchPath) => ExecutableSearch.Find("unsquashfs", searchPath)
        ?? throw new BuildException("unsquashfs not found on PATH; install squashfs-tools (Debian/Ubuntu: apt install squashfs-tools)");

    /// <summary>Every entry of the image, and the text of its files on demand.</summary>
    public ListedFiles List(string image, long offset)
    {
        var listing = runner.Capture(new ToolCommand($"listing the files of {image}", [executable, "-d", "", "-lls", .. OffsetOption(offset), image])
        {
            // names are raw bytes: Latin-1 keeps each byte as one char (SquashfsListing)
            OutputEncoding = Encoding.Latin1,
        });
        return new ListedFiles(SquashfsListing.Parse(listing), path => Cat(image, offset, path), (path, count) => ReadStart(image, offset, path, count));
    }

    /// <summary>The text of the file at <paramref name="path"/> inside, or null when it cannot be read.</summary>
    public string? Cat(string image, long offset, string path) => Cat(image, offset, path, Encoding.UTF8);

    /// <summary>The first <paramref name="count"/> bytes of the file at <paramref name="path"/> inside, or null when it cannot be read.</summary>
    public byte[]? ReadStart(string image, long offset, string path, int count) =>
        // Latin-1 keeps each byte as one char, so the bytes come back unchanged
        Cat(image, offset, path, Encoding.Latin1) is { } text ? Encoding.Latin1.GetBytes(text[..Math.Min(count, text.Length)]) : null;

    private string? Cat(string image, long offset, string path, Encoding encoding)
    {
        try
        {
            return runner.Capture(new ToolCommand($"reading {path} in {image}", [executable, .. OffsetOption(offset), "-cat", image, path]) { OutputEncoding = encoding });
        }
        catch (BuildException)
        {
            return null;
        }
    }

    /// <summary>
    /// Unpacks the whole image into <paramref name="destination"/> (it may exist; files are overwritten):
    /// modes, links and times kept, extended attributes left out (a user cannot set most of them).
    /// </summary>
    public void Extract(string image, string destination, int processors) =>
        runner.Run(new ToolCommand($"unpacking {image}",
            [executable, "-f", "-n", "-q", "-no-xattrs", "-p", processors.ToString(CultureInfo.InvariantCulture), "-d", destination, image]));

    /// <summary>The superblock statistics of the image.</summary>
    public SquashfsStatistics Statistics(string image, long offset)
    {
        var output = runner.Capture(new ToolCommand($"reading the superblock of {image}", [executable, "-s", .. OffsetOption(offset), image]));
        return new SquashfsStatistics(Number(InodesLine(), output), Number(SizeLine(), output));
    }

    private static string[] OffsetOption(long offset) => offset == 0 ? [] : ["-o", offset.ToString(CultureInfo.InvariantCulture)];

    private static long Number(Regex line, string output) =>
        line.Match(output) is { Success: true } match ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^Number of inodes (\d+)", RegexOptions.Multiline)]
    private static partial Regex InodesLine();

    [GeneratedRegex(@"^Filesystem size (\d+) bytes", RegexOptions.Multiline)]
    private static partial Regex SizeLine();
}
