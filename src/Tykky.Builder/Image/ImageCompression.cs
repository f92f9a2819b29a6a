using Tykky.Builder.Config;
using Tykky.Builder.Reporting;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Image;

/// <summary>
/// Chooses the image's compressor for the runtime that will mount it (issue #8.1). sqfs_options
/// without <c>-comp</c> gets the runtime's preferred compressor. A <c>-comp</c> the runtime cannot
/// mount is replaced, with a warning, when it comes from the site configuration or an update's
/// recorded configuration (the user did not choose it and the build can still succeed), and refused
/// when the user chose it (silently overriding an explicit choice would hide the problem).
/// </summary>
public static class ImageCompression
{
    private const string CompOption = "-comp";

    /// <summary>The options for <paramref name="sqfsOptions"/> and <paramref name="runtime"/>; a <see cref="BuildException"/> when the user's choice cannot be mounted. Pure.</summary>
    /// <param name="sqfsOptions">sqfs_options split into words.</param>
    /// <param name="origin">Where sqfs_options was set, for messages.</param>
    /// <param name="chosenByUser">The user set sqfs_options in this command (flags or YAML).</param>
    /// <param name="runtime">The runtime recorded in the manifest.</param>
    public static ImageCompressionChoice Choose(IReadOnlyList<string> sqfsOptions, string origin, bool chosenByUser, RuntimeSpec runtime)
    {
        var preferred = ImageReaders.Preferred(runtime);
        var at = LastIndexOf(sqfsOptions, CompOption);
        if (at < 0)
        {
            return new ImageCompressionChoice([.. sqfsOptions, CompOption, SquashfsCompressorNames.Name(preferred)], preferred, null);
        }
        var name = at + 1 < sqfsOptions.Count ? sqfsOptions[at + 1]
            : throw new BuildException($"sqfs_options '{string.Join(' ', sqfsOptions)}' ({origin}) ends with -comp; name a compressor (gzip, xz, zstd, ...) or leave -comp out");
        var asked = SquashfsCompressorNames.Parse(name)
            ?? throw new BuildException($"sqfs_options ({origin}) asks for -comp {name}, which is not a squashfs compressor; use one of {string.Join(", ", Enum.GetValues<SquashfsCompressor>().Select(SquashfsCompressorNames.Name))}, or leave -comp out");
        var support = ImageReaders.Support(runtime, asked);
        var who = ImageReaders.Describe(runtime);
        return support.Readability switch
        {
            CompressorReadability.Reads => new ImageCompressionChoice(sqfsOptions, asked, null),
            CompressorReadability.ReadsWhere => new ImageCompressionChoice(sqfsOptions, asked,
                $"sqfs_options ({origin}) asks for -comp {name}: {who} mounts such images only where {support.Reason}; -comp {SquashfsCompressorNames.Name(SquashfsCompressor.Gzip)} mounts everywhere"),
            CompressorReadability.CannotRead when chosenByUser => throw new BuildException(
                $"sqfs_options ({origin}) asks for -comp {name}, which {who} cannot mount ({support.Reason}); use -comp {SquashfsCompressorNames.Name(preferred)}, or leave -comp out and Tykky picks one the runtime mounts"),
            CompressorReadability.CannotRead => new ImageCompressionChoice([.. sqfsOptions.Take(at + 1), SquashfsCompressorNames.Name(preferred), .. sqfsOptions.Skip(at + 2)], preferred,
                $"sqfs_options ({origin}) asks for -comp {name}, which {who} cannot mount ({support.Reason}); the image is made with -comp {SquashfsCompressorNames.Name(preferred)} instead"),
        };
    }

    /// <summary>
    /// True when sqfs_options set at <paramref name="origin"/> is the user's own choice: not from the
    /// site configuration <paramref name="siteConfigPath"/> and not from an update's recorded
    /// <c>share/conf.yaml</c> in <paramref name="prefix"/>.
    /// </summary>
    public static bool IsUserChoice(string? origin, string siteConfigPath, string prefix) =>
        origin is not null
        && !origin.StartsWith(siteConfigPath + ":", StringComparison.Ordinal)
        && !origin.StartsWith(Path.Join(prefix, "share", "conf.yaml") + ":", StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="config"/> with the sqfs_options its image is made with (also in the recorded
    /// configuration); warnings go to <paramref name="reporter"/>. Installations without an image are unchanged.
    /// </summary>
    public static BuildConfig ForBuild(BuildConfig config, RuntimeSpec runtime, string siteConfigPath, Reporter reporter)
    {
        if (config.Mode == BuildMode.WrapContainer)
        {
            return config;
        }
        var node = config.Effective.Get("sqfs_options");
        var origin = node?.Origin ?? "default";
        var choice = Choose(config.SqfsOptions, origin, IsUserChoice(node?.Origin, siteConfigPath, config.InstallationPrefix), runtime);
        if (choice.Warning is { } warning)
        {
            reporter.Warning(warning);
        }
        reporter.Debug($"Image compression for {ImageReaders.Describe(runtime)}: {SquashfsCompressorNames.Name(choice.Compressor)}");
        return config with
        {
            SqfsOptions = choice.Options,
            Effective = config.Effective.With("sqfs_options", new ConfigScalar(string.Join(' ', choice.Options), origin)),
        };
    }

    private static int LastIndexOf(IReadOnlyList<string> words, string word)
    {
        for (var i = words.Count - 1; i >= 0; i--)
        {
            if (words[i] == word)
            {
                return i;
            }
        }
        return -1;
    }
}
