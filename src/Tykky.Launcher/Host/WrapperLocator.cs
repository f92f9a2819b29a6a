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
/// The installation's files are read from the directory of the launcher binary the kernel started
/// (<c>/proc/self/exe</c>, resolved at exec): a generation switched while the launch runs cannot mix
/// one generation's manifest with another's programs.
/// </summary>
internal static class WrapperLocator
{
    /// <summary>Classifies the invocation from argv, PATH, the current directory and the running launcher binary.</summary>
    /// <param name="argv">The launcher's argv.</param>
    /// <param name="searchPath">PATH, for a bare argv[0].</param>
    /// <param name="workingDirectory">The current directory (null when it cannot be named: relative paths then stay relative).</param>
    /// <param name="executable">The canonical path of the running launcher binary (<c>/proc/self/exe</c>), or null when unknown.</param>
    public static Invocation Locate(IReadOnlyList<string> argv, string? searchPath, string? workingDirectory, string? executable)
    {
        var argv0 = argv.Count > 0 ? argv[0] : "";
        var arguments = argv.Skip(1).ToArray();
        var found = argv0.Contains('/') ? argv0 : FindOnPath(argv0, searchPath);
        var invokedAs = workingDirectory is null ? found : PathText.Absolute(workingDirectory, found);
        if (invokedAs == executable && PathText.NameOf(invokedAs) == InstallationLayout.LauncherFileName)
        {
            // the launcher by its own path (the inner step, the keeper): no wrapper, and no link to read
            return new DirectInvocation(invokedAs, arguments);
        }
        var launcher = LauncherFilesOf(executable);
        var wrapper = LastWrapperLink(invokedAs, launcher);
        if (wrapper is null)
        {
            return new DirectInvocation(invokedAs, arguments);
        }
        var files = launcher?.Directory ?? InstallationDirectoryOf(wrapper);
        return new WrapperInvocation(files, PathText.NameOf(wrapper), invokedAs, arguments)
        {
            StablePrefix = launcher?.StablePrefix ?? InstallationLayout.PrefixOf(files, PosixFiles.Exists),
            RunsOwnLauncher = launcher is not null,
            ThroughOtherLinks = wrapper != invokedAs,
        };
    }

    /// <summary>The files of the installation whose launcher runs: where they are, and the prefix users see.</summary>
    private sealed record LauncherFiles(string Directory, string StablePrefix)
    {
        /// <summary>
        /// True for the installation's own bin/ (the stable <c>&lt;prefix&gt;/bin</c> or the generation's):
        /// the builder puts only links to the launcher there, so a wrapper called by such a path is
        /// named by it without a walk of the prefix's links.
        /// </summary>
        public bool IsOwnBin(string directory) =>
            directory == PathText.Join(StablePrefix, InstallationLayout.BinDirectory) || directory == PathText.Join(Directory, InstallationLayout.BinDirectory);
    }

    /// <summary>
    /// The files of the running launcher's installation when it is an installation's own: a binary
    /// named <c>tykky-launcher</c>, which only the builder writes, beside the manifest, or one in a
    /// <c>bin/</c> below it, the hard link of the launcher that the builder makes each wrapper (the
    /// kernel names the binary by the path it opened). The manifest's read then says when it is not
    /// there; no look before it. Only the generational layout puts the launcher in
    /// <c>&lt;prefix&gt;/generations/N</c> (the flat layout's is in the prefix itself), so the stable
    /// prefix follows from the path, without a look at <c>&lt;prefix&gt;/current</c>.
    /// </summary>
    private static LauncherFiles? LauncherFilesOf(string? executable)
    {
        if (executable is null)
        {
            return null;
        }
        var directory = PathText.DirectoryOf(executable);
        var files = PathText.NameOf(executable) == InstallationLayout.LauncherFileName ? directory
            : PathText.NameOf(directory) == InstallationLayout.BinDirectory ? PathText.DirectoryOf(directory)
            : null;
        return files is null ? null : new LauncherFiles(files, InstallationLayout.PrefixOf(files, _ => true));
    }

    private static string InstallationDirectoryOf(string wrapper)
    {
        var throughLink = PathText.Join(PathText.DirectoryOf(wrapper), "..");
        return PosixFiles.RealPath(throughLink)
            ?? throw new LaunchException("cannot resolve the installation directory", throughLink, "check the permissions of its parent directories", ExitCode.Config);
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

    /// <summary>
    /// The last link of the chain from <paramref name="path"/> that lies in an installation's bin/, or null.
    /// When the running launcher is an installation's own (<paramref name="launcher"/>), the chain ends
    /// at once at a path in its own bin/ (by the path's text) or at a link <c>bin/NAME → ../tykky-launcher</c>,
    /// which the builder writes for every wrapper where it makes no hard link: the kernel started that very file. On a parallel
    /// filesystem every path walk through the prefix's links costs a metadata round trip per
    /// component (ten for <c>&lt;prefix&gt;/bin/NAME</c>); a wrapper called by its own path costs none.
    /// </summary>
    private static string? LastWrapperLink(string path, LauncherFiles? launcher)
    {
        string? wrapper = null;
        for (var hop = 0; hop < PosixFiles.MaxSymlinkHops; hop++)
        {
            if (launcher is not null && launcher.IsOwnBin(PathText.DirectoryOf(path)))
            {
                return path;
            }
            var target = PosixFiles.ReadLink(path);
            if (target is null)
            {
                return wrapper;
            }
            if (launcher is not null && target == "../" + InstallationLayout.LauncherFileName
                && PathText.NameOf(PathText.DirectoryOf(path)) == InstallationLayout.BinDirectory)
            {
                return path;
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
