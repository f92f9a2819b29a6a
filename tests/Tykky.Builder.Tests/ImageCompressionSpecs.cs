using Tykky.Builder.Image;
using Tykky.Builder.Tests.Fixtures;
using Tykky.Tests;
using Tykky.Launcher.Manifest;
using static Tykky.Builder.Image.CompressorReadability;
using static Tykky.Builder.Image.SquashfsCompressor;

namespace Tykky.Builder.Tests;

/// <summary>The table of what each runtime mounts, and the compressor the builder picks from it (issue #8.1).</summary>
public sealed class ImageCompressionSpecs
{
    private static RuntimeSpec Runtime(RuntimeKind kind, string? version) =>
        new() { Kind = kind, Executable = $"/usr/bin/{kind.ToString().ToLowerInvariant()}", Version = version };

    [Theory]
    // Apptainer before 1.4.0 fails on zstd in its image check (observed on 1.1.9)
    [InlineData(RuntimeKind.Apptainer, "1.1.9", Zstd, CannotRead)]
    [InlineData(RuntimeKind.Apptainer, "1.3.6-1.el9", Zstd, CannotRead)]
    [InlineData(RuntimeKind.Apptainer, "1.4.0", Zstd, ReadsWhere)]
    [InlineData(RuntimeKind.Apptainer, "1.4.5-1.el9", Zstd, ReadsWhere)]
    // an unreadable version is treated as old
    [InlineData(RuntimeKind.Apptainer, "unknown", Zstd, CannotRead)]
    [InlineData(RuntimeKind.Apptainer, "1.1.9", Gzip, Reads)]
    [InlineData(RuntimeKind.Apptainer, "1.1.9", Xz, ReadsWhere)]
    [InlineData(RuntimeKind.Apptainer, "1.1.9", Lz4, ReadsWhere)]
    [InlineData(RuntimeKind.Apptainer, "1.1.9", Lzo, ReadsWhere)]
    // no kernel reads legacy lzma
    [InlineData(RuntimeKind.Apptainer, "1.4.0", Lzma, CannotRead)]
    [InlineData(RuntimeKind.Singularity, "3.11.4", Zstd, CannotRead)]
    [InlineData(RuntimeKind.Singularity, "4.2.1", Zstd, CannotRead)]
    [InlineData(RuntimeKind.Singularity, "4.2.1", Gzip, Reads)]
    [InlineData(RuntimeKind.Singularity, "4.2.1", Xz, ReadsWhere)]
    [InlineData(RuntimeKind.Bwrap, "bubblewrap 0.8.0", Zstd, Reads)]
    [InlineData(RuntimeKind.Bwrap, "bubblewrap 0.8.0", Lzma, Reads)]
    [InlineData(RuntimeKind.Bwrap, "bubblewrap 0.8.0", Gzip, Reads)]
    public void Each_runtime_mounts_the_compressors_of_the_table(RuntimeKind kind, string version, SquashfsCompressor compressor, CompressorReadability expected)
    {
        Assert.Equal(expected, ImageReaders.Support(Runtime(kind, version), compressor).Readability);
    }

    [Theory]
    [InlineData(RuntimeKind.Bwrap, "bubblewrap 0.8.0", Zstd)]
    [InlineData(RuntimeKind.Apptainer, "1.1.9", Gzip)]
    [InlineData(RuntimeKind.Apptainer, "1.4.0", Gzip)]
    [InlineData(RuntimeKind.Singularity, "3.11.4", Gzip)]
    public void The_preferred_compressor_mounts_everywhere_the_runtime_runs(RuntimeKind kind, string version, SquashfsCompressor expected)
    {
        Assert.Equal(expected, ImageReaders.Preferred(Runtime(kind, version)));
    }

    [Fact]
    public void Without_comp_the_runtime_s_preferred_compressor_is_added()
    {
        var choice = ImageCompression.Choose(["-noappend"], "site.yaml:25", chosenByUser: false, Runtime(RuntimeKind.Apptainer, "1.1.9"));

        Assert.Equal(["-noappend", "-comp", "gzip"], choice.Options);
        Assert.Null(choice.Warning);
    }

    [Fact]
    public void A_site_default_the_runtime_cannot_mount_is_replaced_with_a_warning()
    {
        var choice = ImageCompression.Choose(["-noappend", "-comp", "zstd", "-Xcompression-level", "3"], "site.yaml:25", chosenByUser: false, Runtime(RuntimeKind.Apptainer, "1.1.9"));

        Assert.Equal(["-noappend", "-comp", "gzip", "-Xcompression-level", "3"], choice.Options);
        Assert.Equal("sqfs_options (site.yaml:25) asks for -comp zstd, which apptainer 1.1.9 cannot mount (apptainer reads zstd images from 1.4.0 on); the image is made with -comp gzip instead", choice.Warning);
    }

    [Fact]
    public void The_user_s_choice_the_runtime_cannot_mount_is_refused()
    {
        var error = Assert.Throws<BuildException>(() => ImageCompression.Choose(["-comp", "zstd"], "mine.yaml:1", chosenByUser: true, Runtime(RuntimeKind.Singularity, "3.11.4")));

        Assert.Equal("sqfs_options (mine.yaml:1) asks for -comp zstd, which singularity 3.11.4 cannot mount (SingularityCE's image check knows no zstd); use -comp gzip, or leave -comp out and Tykky picks one the runtime mounts", error.Message);
    }

    [Fact]
    public void A_compressor_that_needs_a_kernel_option_is_kept_with_a_warning()
    {
        var choice = ImageCompression.Choose(["-comp", "xz"], "mine.yaml:1", chosenByUser: true, Runtime(RuntimeKind.Apptainer, "1.1.9"));

        Assert.Equal(["-comp", "xz"], choice.Options);
        Assert.Contains("only where the kernel has CONFIG_SQUASHFS_XZ", choice.Warning);
    }

    [Theory]
    [InlineData("-comp", "sqfs_options '-comp' (u.yaml:1) ends with -comp")]
    [InlineData("-comp brotli", "asks for -comp brotli, which is not a squashfs compressor; use one of gzip, lzma, lzo, xz, lz4, zstd")]
    public void A_malformed_comp_is_refused(string options, string message)
    {
        var error = Assert.Throws<BuildException>(() => ImageCompression.Choose(options.Split(' '), "u.yaml:1", chosenByUser: true, Runtime(RuntimeKind.Bwrap, "0.8.0")));

        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("/etc/site.yaml:25", false)]
    [InlineData("/p/share/conf.yaml:3", false)]
    [InlineData("/home/me/mine.yaml:1", true)]
    [InlineData(null, false)]
    public void Only_settings_outside_the_site_config_and_the_recorded_config_are_the_user_s_choice(string? origin, bool expected)
    {
        Assert.Equal(expected, ImageCompression.IsUserChoice(origin, "/etc/site.yaml", "/p"));
    }

    [Theory]
    [InlineData("gzip", 1)]
    [InlineData("xz", 4)]
    [InlineData("zstd", 6)]
    public void The_compressor_id_is_read_from_a_real_image_s_superblock(string compressor, int id)
    {
        using var scratch = new TempDir("superblock");
        scratch.Write("tree/file", "content");
        var image = scratch["img.sqfs"];
        Assert.Equal(0, Tools.Run(["mksquashfs", scratch["tree"], image, "-comp", compressor, "-no-progress", "-quiet"]).ExitCode);

        Assert.Equal(id, SquashfsSuperblock.CompressorIdOf(image));
    }

    [Fact]
    public void A_file_that_is_not_squashfs_has_no_compressor()
    {
        using var scratch = new TempDir("superblock");

        Assert.Null(SquashfsSuperblock.CompressorIdOf(scratch.Write("not.sqfs", "not a squashfs image, only text")));
        Assert.Null(SquashfsSuperblock.CompressorIdOf(scratch.Write("short.sqfs", "hsqs")));
        Assert.Null(SquashfsSuperblock.CompressorIdOf(scratch["missing.sqfs"]));
    }
}
