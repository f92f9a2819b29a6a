using Tykky.Builder.Config;
using Tykky.Builder.Packages;
using Tykky.Builder.Processes;

namespace Tykky.Builder.Steps;

/// <summary>
/// The checks of a spack-containerize build, before anything is written: host mode, the environment
/// file and its spacktainer files, Spack found and runnable, its concretizer (clingo) importable, and
/// patchelf when binaries may come from a build cache.
/// </summary>
public static class SpackPreflight
{
    /// <summary>Checks <paramref name="config"/>; runs <c>spack --version</c> and <c>spack python</c> on the host.</summary>
    public static void Check(BuildConfig config, Func<string, string?> environment, ToolRunner runner)
    {
        if (config.Isolate)
        {
            throw new BuildException("spack-containerize builds in host mode (isolate: no): Spack, its compilers and build tools are the host's; leave isolate unset");
        }
        var file = CheckEnvironmentFile(config);
        var spack = SpackBuild.Executable(config.Spack, environment);
        var (versionExit, versionOutput, _) = runner.RunAllowingFailure(HostCommand("asking Spack its version", [spack, "--version"]));
        if (versionExit != 0)
        {
            throw new BuildException($"Spack '{spack}' does not run ('spack --version' exited with {versionExit}: {versionOutput.LastOrDefault()?.Trim()}); check the Spack installation (--spack, spack_root)");
        }
        var (clingoExit, _, _) = runner.RunAllowingFailure(HostCommand("importing Spack's concretizer", [spack, "python", "-c", "import clingo"]));
        if (clingoExit != 0)
        {
            throw new BuildException($"Spack's concretizer clingo cannot be imported by the python Spack runs ({spack} python -c 'import clingo' failed) and bootstrapping is off in the build; " +
                "install it for that python (python3 -m pip install clingo, or Debian's python3-clingo), or set SPACK_PYTHON to a python that has it");
        }
        var mirrors = config.Spack.Mirrors.Count + (file?.SpackKeys.Contains("mirrors") == true ? 1 : 0);
        if (mirrors > 0 && config.Spack.Buildcache != SpackBuildcachePolicy.Never && ExecutableSearch.Find("patchelf", environment("PATH")) is null)
        {
            throw new BuildException("patchelf not found on PATH: Spack relocates binaries from a build cache with it (mirrors are set and spack_buildcache is not never); install patchelf (Debian/Ubuntu: apt install patchelf) or use --use-buildcache never");
        }
    }

    /// <summary>The environment file (required for a new installation, optional -r of an update), parsed, with its spacktainer sources checked.</summary>
    private static SpackEnvironmentFile? CheckEnvironmentFile(BuildConfig config)
    {
        if (config.Packages.EnvFile is not { } path)
        {
            return config.UpdateInstallation ? null : throw new BuildException("spack-containerize needs a Spack environment file (env_file): a spack.yaml with 'spack: specs: [...]'");
        }
        if (!File.Exists(path))
        {
            throw new BuildException($"Spack environment file '{path}' does not exist; give the path of a spack.yaml");
        }
        var file = SpackEnvironmentFile.Read(path, config.InstallationPath);
        if (file.Specs.Count == 0 && !config.UpdateInstallation)
        {
            throw new BuildException($"Spack environment file '{path}' lists no specs; add the packages under 'spack: specs:'");
        }
        if (file.Files.FirstOrDefault(f => !File.Exists(f.Source) && !Directory.Exists(f.Source)) is { } missing)
        {
            throw new BuildException($"Spack environment file '{path}': spacktainer file source '{missing.Source}' does not exist (a relative src is relative to the file's directory)");
        }
        return file;
    }

    /// <summary>Spack run on the host, with its user configuration kept out (SPACK_DISABLE_LOCAL_CONFIG): the checks must not depend on ~/.spack.</summary>
    private static ToolCommand HostCommand(string description, IReadOnlyList<string> argv) =>
        new(description, argv) { Environment = new Dictionary<string, string?> { ["SPACK_DISABLE_LOCAL_CONFIG"] = "1" } };
}
