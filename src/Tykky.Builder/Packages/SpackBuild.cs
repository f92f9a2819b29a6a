using Tykky.Builder.Config;
using Tykky.Builder.Processes;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Packages;

/// <summary>
/// How a spack-containerize build runs Spack: which Spack, where its private configuration, cache and
/// stage are, and the commands on the build's environment (<c>&lt;installation_path&gt;/env</c>).
/// Spack runs inside the container like conda and pip do, so it writes the install tree at its literal
/// path inside the image.
/// </summary>
public static class SpackBuild
{
    /// <summary>
    /// The Spack executable: <c>bin/spack</c> of spack_root (--spack), else of $SPACK_ROOT (set by Spack's
    /// setup-env.sh), else the <c>spack</c> on PATH.
    /// </summary>
    public static string Executable(SpackSettings settings, Func<string, string?> environment)
    {
        if ((settings.SpackRoot ?? environment("SPACK_ROOT")) is { Length: > 0 } root)
        {
            var executable = Path.Join(root, "bin", "spack");
            return ExecutableSearch.Find(executable, null)
                ?? throw new BuildException($"Spack not found: '{executable}' does not exist or is not executable; give the root of a Spack clone (the directory holding bin/spack) with --spack or spack_root" +
                    (settings.SpackRoot is null ? " (SPACK_ROOT named it)" : ""));
        }
        return ExecutableSearch.Find("spack", environment("PATH"))
            ?? throw new BuildException("Spack not found: no spack on PATH and no SPACK_ROOT; give --spack SPACK_ROOT (a Spack clone, e.g. git clone --depth=2 --branch=releases/v0.22 https://github.com/spack/spack.git) or set spack_root in the site configuration");
    }

    /// <summary>The Spack installation's root: the directory above the real <c>bin/spack</c>.</summary>
    public static string Root(string executable) =>
        Path.GetDirectoryName(Path.GetDirectoryName(new FileInfo(executable).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? executable)!)!;

    /// <summary>The build's private Spack directories, in the build directory (removed with it).</summary>
    private static string Private(BuildContext context, string name) => Path.Join(context.BuildDirectory, "spack", name);

    /// <summary>Where the misc and source caches are: kept under build_tmpdir_base, or in the build directory (spack_cache: no).</summary>
    private static string Cache(BuildContext context, string name) => context.Config.Spack.PersistentCache
        ? Path.Join(context.Config.BuildTmpdirBase, FetchContainerStep.CacheDirectoryName, "spack", name)
        : Private(context, name);

    /// <summary>The literal paths and mirrors of the build's environment file.</summary>
    public static SpackEnvironmentPaths Paths(BuildContext context)
    {
        var installationPath = context.Config.InstallationPath;
        return new SpackEnvironmentPaths(PackageLayout.SpackInstallTree(installationPath), PackageLayout.SpackView(installationPath),
            Private(context, "stage"), Cache(context, "misc-cache"), Cache(context, "source-cache"), context.Config.Spack.Mirrors);
    }

    /// <summary>
    /// The variables of every command and script of a Spack build: Spack's user configuration and cache
    /// private to the build (as conda is kept from the user's condarc), so that nothing in ~/.spack
    /// shapes the installation and nothing is left there; the environment active (SPACK_ENV) and Spack
    /// on PATH, so that a post-install script can run <c>spack install</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Variables(BuildContext context)
    {
        var executable = Executable(context.Config.Spack, context.Environment);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["SPACK_USER_CONFIG_PATH"] = Private(context, "user-config"),
            ["SPACK_USER_CACHE_PATH"] = Private(context, "user-cache"),
            ["SPACK_ENV"] = PackageLayout.SpackEnvironment(context.Config.InstallationPath),
            ["PATH"] = context.Environment("PATH") is { Length: > 0 } path ? $"{Path.GetDirectoryName(executable)}:{path}" : Path.GetDirectoryName(executable),
        };
    }

    /// <summary>The command <c>spack -e ENV ARGS...</c>, run inside with its output shown live.</summary>
    public static ToolCommand Command(BuildContext context, string description, params string[] arguments) =>
        PackageShell.Command(context, description, ShellSetup.None,
            [Executable(context.Config.Spack, context.Environment), "-e", PackageLayout.SpackEnvironment(context.Config.InstallationPath), .. arguments]);
}
