using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// wrap-install's source safety, on dist/: what it refuses to copy (/, the prefix or build base, kernel
/// file systems), what it copies as it is (links out of the tree) or leaves out (other mounts), and
/// the stop before copying what cannot fit (on a small tmpfs, never the machine's disk).
/// </summary>
public sealed class WrapInstallSourceSpecs : IDisposable
{
    private readonly TempDir _scratch = new("wrap-source");
    private readonly Builds _builds;

    public WrapInstallSourceSpecs() => _builds = new Builds(_scratch);

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Wrapping_the_root_directory_is_refused()
    {
        var result = _builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["inst"], "/"]);

        _builds.AssertRejected(result, "Directory to wrap is '/', the whole host", _scratch["inst"]);
    }

    [Fact]
    public void A_source_holding_the_prefix_is_refused()
    {
        var source = Source();

        var result = _builds.Run("wrap-install", ["-w", "bin", "--prefix", Path.Join(source, "inst"), source]);

        _builds.AssertRejected(result, $"Directory to wrap '{source}' holds the installation prefix '{source}/inst'", Path.Join(source, "inst"));
    }

    [Fact]
    public void A_source_holding_the_build_directory_base_is_refused()
    {
        var source = Source();
        var options = new RunOptions { Environment = new Dictionary<string, string?> { ["CW_BUILD_TMPDIR"] = Path.Join(source, "tmp") } };

        var result = _builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["inst"], source], options);

        _builds.AssertRejected(result, $"Directory to wrap '{source}' holds the build directory base '{source}/tmp'", _scratch["inst"]);
        Assert.False(Directory.Exists(Path.Join(source, "tmp")), "the build base was created");
    }

    [RootFact]
    public void A_source_holding_a_proc_file_system_is_refused_even_crossing_mounts()
    {
        var source = Source();
        using var proc = ScratchMount.Proc(Path.Join(source, "proc"));

        var result = _builds.Run("wrap-install", ["-w", "bin", "--cross-mounts", "--prefix", _scratch["inst"], source]);

        _builds.AssertRejected(result, $"Directory to wrap '{source}' holds '{source}/proc', a proc file system", _scratch["inst"]);
    }

    [RootFact]
    public void A_source_bigger_than_the_free_space_of_the_build_base_or_the_prefix_stops_before_copying()
    {
        // Arrange: 20 MiB of data, a 16 MiB tmpfs for the build base, then for the prefix
        var source = Source();
        File.WriteAllBytes(Path.Join(source, "share", "big.bin"), new byte[20 << 20]);
        using var small = ScratchMount.Tmpfs(_scratch["small"], "16m");
        var intoSmallBase = new RunOptions { Environment = new Dictionary<string, string?> { ["CW_BUILD_TMPDIR"] = Path.Join(small.Path, "base") } };

        // Act
        var smallBase = _builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["inst"], source], intoSmallBase);
        var smallPrefix = _builds.Run("wrap-install", ["-w", "bin", "--prefix", Path.Join(small.Path, "inst"), source]);

        // Assert
        _builds.AssertRejected(smallBase, $"Directory to wrap '{source}' holds 20.0 MiB and the build directory base '{small.Path}/base' has 16.0 MiB available, too little for its copy", _scratch["inst"]);
        _builds.AssertRejected(smallPrefix, $"Directory to wrap '{source}' holds 20.0 MiB and the installation prefix '{small.Path}/inst' has 16.0 MiB available, too little for an image", Path.Join(small.Path, "inst"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(small.Path));
    }

    [Fact]
    public void A_link_pointing_out_of_the_tree_is_copied_as_a_link()
    {
        // Arrange
        var source = Source();
        File.CreateSymbolicLink(Path.Join(source, "etc-of-host"), "/etc");
        File.CreateSymbolicLink(Path.Join(source, "sibling"), "../elsewhere");

        // Act
        var build = _builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["inst"], source]);
        var listing = Listing(_scratch["inst/img.sqfs"]);

        // Assert: links inside the image, nothing of what they point to
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains(listing, l => l.StartsWith('l') && l.EndsWith("/etc-of-host -> /etc", StringComparison.Ordinal));
        Assert.Contains(listing, l => l.StartsWith('l') && l.EndsWith("/sibling -> ../elsewhere", StringComparison.Ordinal));
        Assert.DoesNotContain(listing, l => l.Contains("/etc-of-host/", StringComparison.Ordinal));
    }

    [RootFact]
    public void A_mount_inside_the_source_is_left_out_unless_crossing_mounts_is_asked()
    {
        // Arrange: a tmpfs inside the source holding a file
        var source = Source();
        using var data = ScratchMount.Tmpfs(Path.Join(source, "data"), "1m");
        File.WriteAllText(Path.Join(data.Path, "mounted.txt"), "on another file system\n");

        // Act
        var plain = _builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["plain"], source]);
        var crossing = _builds.Run("wrap-install", ["-w", "bin", "--cross-mounts", "--prefix", _scratch["crossing"], source]);

        // Assert: the mount point stays, as an empty directory
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Contains($"[ WARNING ] '{data.Path}' inside the directory to wrap is another file system (tmpfs); its contents are left out (an empty directory in the image); give --cross-mounts to copy them", plain.Stderr);
        Assert.Contains(Listing(_scratch["plain/img.sqfs"]), l => l.StartsWith('d') && l.EndsWith("/data", StringComparison.Ordinal));
        Assert.DoesNotContain(Listing(_scratch["plain/img.sqfs"]), l => l.EndsWith("/data/mounted.txt", StringComparison.Ordinal));
        Assert.True(crossing.ExitCode == 0, crossing.ToString());
        Assert.DoesNotContain("[ WARNING ]", crossing.Stderr);
        Assert.Contains(Listing(_scratch["crossing/img.sqfs"]), l => l.EndsWith("/data/mounted.txt", StringComparison.Ordinal));
    }

    /// <summary>A small installation: bin/tool and share/.</summary>
    private string Source()
    {
        _scratch.Write("src/bin/tool", "#!/bin/sh\necho tool\n", executable: true);
        _scratch.Write("src/share/readme.txt", "data\n");
        return _scratch["src"];
    }

    /// <summary>The image's entries as unsquashfs -lls lists them (mode first, the path, a link's target).</summary>
    private static string[] Listing(string image)
    {
        var listing = Run.Command(["unsquashfs", "-d", "", "-lls", image]);
        Assert.True(listing.ExitCode == 0, listing.ToString());
        return listing.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
