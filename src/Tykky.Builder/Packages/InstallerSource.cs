using Tykky.Builder.Processes;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Packages;

/// <summary>
/// An installer script named in the configuration (miniforge_installer, uv_installer): an http(s) URL,
/// downloaded on the host with curl or wget, or a local file, copied. Either way it is put into the
/// install tree so that the container sees it, even an isolated one, and removed after use.
/// </summary>
public static class InstallerSource
{
    /// <summary>Programs that can download, in order of preference, with their arguments before the URL and target.</summary>
    private static readonly (string Name, Func<string, string, string[]> Argv)[] Downloaders =
    [
        ("curl", (url, target) => ["-fsSL", "--retry", "3", "-o", target, url]),
        ("wget", (url, target) => ["-q", "-O", target, url]),
    ];

    /// <summary>True when <paramref name="source"/> is downloaded rather than copied.</summary>
    public static bool IsUrl(string source) =>
        source.StartsWith("https://", StringComparison.Ordinal) || source.StartsWith("http://", StringComparison.Ordinal);

    /// <summary>The downloader found on <paramref name="searchPath"/>, or null.</summary>
    public static string? FindDownloader(string? searchPath) =>
        Downloaders.Select(d => ExecutableSearch.Find(d.Name, searchPath)).FirstOrDefault(path => path is not null);

    /// <summary>Checks before the build that <paramref name="source"/> can be had; <paramref name="key"/> names the setting.</summary>
    public static void Check(string source, string key, string? searchPath)
    {
        if (IsUrl(source))
        {
            if (FindDownloader(searchPath) is null)
            {
                throw new BuildException($"Downloading {source} ({key}) needs curl or wget on PATH; install one, or download the file and set {key} to its path");
            }
            return;
        }
        if (!source.StartsWith('/') || !File.Exists(source))
        {
            throw new BuildException($"Installer '{source}' ({key}) is not an http(s) URL or an existing file (absolute path); set {key} to one");
        }
    }

    /// <summary>Puts the installer into the install tree as <c>.tykky/inputs/NAME</c>; returns its path inside the container.</summary>
    public static string Fetch(BuildContext context, string source, string name)
    {
        var onHost = Path.Join(StagedInput.HostDirectory(context), name);
        Directory.CreateDirectory(Path.GetDirectoryName(onHost)!);
        if (IsUrl(source))
        {
            var downloader = FindDownloader(context.Environment("PATH")) ?? throw new BuildException($"Downloading {source} needs curl or wget on PATH");
            var argv = Downloaders.First(d => d.Name == Path.GetFileName(downloader)).Argv(source, onHost);
            context.Runner.Run(new ToolCommand($"downloading {source}", [downloader, .. argv]));
        }
        else
        {
            File.Copy(source, onHost, overwrite: true);
        }
        return StagedInput.InsidePathOf(context, name);
    }
}
