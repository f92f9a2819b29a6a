using System.Text.RegularExpressions;
using Tykky.Launcher.Manifest;
using static Tykky.Builder.Image.SquashfsCompressor;

namespace Tykky.Builder.Image;

/// <summary>
/// Which squashfs compressors each runtime can mount: one table, from the runtimes' sources and
/// release notes, conservative where they could not be checked (README "Image compression").
/// <list type="bullet">
/// <item>bubblewrap mounts with squashfuse; Debian 12's squashfuse 0.1.105 links zlib, liblzma, lzo2,
/// lz4 and zstd (<c>ldd /usr/bin/squashfuse</c>), so it reads all six.</item>
/// <item>apptainer and SingularityCE first check the image's superblock (pkg/image/squashfs.go,
/// <c>CheckSquashfsHeader</c>): gzip, lzma, lzo, xz and lz4 pass; anything else fails with
/// "unknown compression algorithm value N". Apptainer added zstd in 1.4.0 (observed: 1.1.9 refuses
/// zstd); SingularityCE's check has no zstd up to its 4.x sources, so zstd is refused for it.</item>
/// <item>Past the check, apptainer's setuid mode mounts with the kernel's squashfs, which reads gzip
/// always, lzo, xz, lz4 and zstd only when built with CONFIG_SQUASHFS_LZO/XZ/LZ4/ZSTD, and never the
/// legacy lzma; its userns mode uses squashfuse_ll. Which mode a site runs is unknown at build time.</item>
/// </list>
/// </summary>
public static partial class ImageReaders
{
    /// <summary>Apptainer's image check learned zstd in this version.</summary>
    private static readonly Version ApptainerZstd = new(1, 4, 0);

    /// <summary>What passes apptainer's and SingularityCE's superblock check before Apptainer 1.4.0 (and in every SingularityCE).</summary>
    private static readonly HashSet<SquashfsCompressor> ImageCheckPasses = [Gzip, Lzma, Lzo, Xz, Lz4];

    /// <summary>The kernel's squashfs (apptainer's setuid mode).</summary>
    private static readonly IReadOnlyDictionary<SquashfsCompressor, CompressorSupport> Kernel = new Dictionary<SquashfsCompressor, CompressorSupport>
    {
        [Gzip] = CompressorSupport.Everywhere,
        [Lzma] = CompressorSupport.Never("the kernel's squashfs, which apptainer's setuid mode mounts with, has no lzma"),
        [Lzo] = KernelOption("LZO"),
        [Xz] = KernelOption("XZ"),
        [Lz4] = KernelOption("LZ4"),
        [Zstd] = KernelOption("ZSTD"),
    };

    /// <summary>The compressor Tykky picks when sqfs_options names none, per runtime, in order of preference.</summary>
    private static readonly SquashfsCompressor[] Preference = [Zstd, Gzip];

    /// <summary>Whether <paramref name="runtime"/> mounts images compressed with <paramref name="compressor"/>. Pure.</summary>
    public static CompressorSupport Support(RuntimeSpec runtime, SquashfsCompressor compressor) => runtime.Kind switch
    {
        // squashfuse reads every compressor it is built with; Debian's is built with all
        RuntimeKind.Bwrap => CompressorSupport.Everywhere,
        RuntimeKind.Apptainer => compressor == Zstd && !(VersionOf(runtime.Version) >= ApptainerZstd)
            ? CompressorSupport.Never($"apptainer reads zstd images from {ApptainerZstd} on")
            : Kernel[compressor],
        RuntimeKind.Singularity => ImageCheckPasses.Contains(compressor)
            ? Kernel[compressor]
            : CompressorSupport.Never("SingularityCE's image check knows no zstd"),
    };

    /// <summary>The compressor Tykky picks for <paramref name="runtime"/>: the fastest to read that it mounts everywhere. Pure.</summary>
    public static SquashfsCompressor Preferred(RuntimeSpec runtime) =>
        Preference.First(c => Support(runtime, c).Readability == CompressorReadability.Reads);

    /// <summary>The runtime as messages name it: "apptainer 1.1.9".</summary>
    public static string Describe(RuntimeSpec runtime) =>
        $"{runtime.Kind.ToString().ToLowerInvariant()}{(runtime.Version is { Length: > 0 } version && runtime.Kind != RuntimeKind.Bwrap ? " " + version : "")}";

    private static CompressorSupport KernelOption(string name) =>
        CompressorSupport.Where($"the kernel has CONFIG_SQUASHFS_{name} (apptainer's setuid mode mounts images with the kernel)");

    /// <summary>The leading major.minor[.patch] of a version such as "1.3.6-1.el9"; null when there is none (treated as old).</summary>
    private static Version? VersionOf(string? text) =>
        text is not null && LeadingVersion().Match(text) is { Success: true } match
            ? new Version(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups[3].Success ? int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0)
            : null;

    [GeneratedRegex(@"^v?(\d{1,6})\.(\d{1,6})(?:\.(\d{1,6}))?")]
    private static partial Regex LeadingVersion();
}
