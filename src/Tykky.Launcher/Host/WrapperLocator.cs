using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Native;

namespace Tykky.Launcher.Host;

/// <summary>
/// Finds which wrapper was called. argv[0] is looked up on PATH when it has no slash (as the shell
/// did), then its symlink chain is followed; the last link that lives in an installation's
/// <c>bin/</c> (a directory whose parent holds the manifest) names the program. A venv's
/// <c>bin/python → &lt;prefix&gt;/bin/python → ../tykky-launcher</c> thus names "python".
/// A relative path (<c>./hello</c>, or found through a PATH entry <c>.</c>, empty or relative) is made
/// absolute against the current directory first: it names the wrapper's bin/ only from there, and it
/// is the program's argv[0], which Python turns into sys.executable (issue #9.9).
/// </summary>
internal static class WrapperLocator
{
    /// <summary>Classifies the invocation from argv, PATH and the current directory (null when it cannot be named: relative paths then stay relative).</summary>
    public static Invocation Locate(IReadOnlyList<string> argv, string? searchPath, string? workingDirectory)
    {
        var argv0 = argv.Count > 0 ? argv[0] : "";
        var arguments = argv.Skip(1).ToArray();
        var found = argv0.Contains('/') ? argv0 : FindOnPath(argv0, searchPath);
        var invokedAs = workingDirectory is null ? found : PathText.Absolute(workingDirectory, found);
        var wrapper = LastWrapperLink(invokedAs);
        if (wrapper is null)
        {
            return new DirectInvocation(invokedAs, arguments);
        }
        var prefixThroughLink = PathText.Join(PathText.DirectoryOf(wrapper), "..");
        var prefix = PosixFiles.RealPath(prefixThroughLink)
            ?? throw new LaunchException("cannot resolve the installation directory", prefixThroughLink, "check the permissions of its parent directories", ExitCode.Config);
        return new WrapperInvocation(prefix, PathText.NameOf(wrapper), invokedAs, arguments);
    }

    /// <summary>The first executable <paramref name="name"/> on <paramref name="searchPath"/> (empty entries mean the current directory).</summary>
    public static string FindOnPath(string name, string? searchPath)
    {
        foreach (var directory in (searchPath ?? "").Split(':'))
        {
            var candidate = PathText.Join(directory.Length == 0 ? "." : directory, name);
            if (PosixFiles.IsExecutable(candidate))
            {
                return candidate;
            }
        }
        throw new LaunchException("cannot find the wrapper that was called", name,
            "argv[0] has no slash and is not on PATH; call the wrapper by its path", ExitCode.NotFound);
    }

    private static string? LastWrapperLink(string path)
    {
        string? wrapper = null;
        for (var hop = 0; hop < PosixFiles.MaxSymlinkHops; hop++)
        {
            var target = PosixFiles.ReadLink(path);
            if (target is null)
            {
                return wrapper;
            }
            if (IsInInstallationBin(path))
            {
                wrapper = path;
            }
            path = PathText.ResolveAgainst(PathText.DirectoryOf(path), target);
        }
        throw new LaunchException("too many levels of symbolic links", path, "fix the link chain of the wrapper", ExitCode.Config);
    }

    private static bool IsInInstallationBin(string link)
    {
        var directory = PathText.DirectoryOf(link);
        return PathText.NameOf(directory) == InstallationLayout.BinDirectory
            && PosixFiles.Exists(PathText.Join(directory, "../" + InstallationLayout.ManifestFileName));
    }
}
