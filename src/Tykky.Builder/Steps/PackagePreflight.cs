using Tykky.Builder.Config;
using Tykky.Builder.Locks;
using Tykky.Builder.Packages;
using Tykky.Builder.Processes;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>
/// The checks of pip-containerize, conda-containerize and spack-containerize builds, and of updates, made with the rest of
/// <see cref="Preflight"/> before anything is written.
/// </summary>
public static class PackagePreflight
{
    /// <summary>Checks the inputs of <paramref name="config"/>.</summary>
    public static void CheckInputs(BuildConfig config, Func<string, string?> environment, ToolRunner runner)
    {
        var packages = config.Packages;
        var searchPath = environment("PATH");
        if (config.UpdateInstallation)
        {
            CheckUpdatable(config, searchPath);
        }
        foreach (var environ in config.ExtraEnvs.Select(e => e.File).OfType<string>())
        {
            // An update takes the environ files over from share/conf.yaml; one may have gone since.
            CheckFile(environ, "Environ file (--environ, extra_envs)", "give it (again) with --environ");
        }
        // Parsed now for its errors (file and line), not after the image is made; the manifest step reads it again.
        LaunchEnvironment.From([], config.ExtraEnvs);
        switch (config.Mode)
        {
            case BuildMode.WrapInstall:
                return;
            case BuildMode.Venv:
                if (packages.UseUv)
                {
                    InstallerSource.Check(packages.UvInstaller, "uv_installer", searchPath);
                }
                break;
            case BuildMode.Conda:
                CheckConda(config, searchPath);
                break;
            case BuildMode.Spack:
                SpackPreflight.Check(config, environment, runner);
                break;
        }
        CheckFile(packages.RequirementsFile, "Requirements file (requirements_file)");
    }

    private static void CheckConda(BuildConfig config, string? searchPath)
    {
        var packages = config.Packages;
        if (packages.UseUv && !packages.Mamba)
        {
            throw new BuildException("conda-containerize --uv works only with --mamba (use_uv needs mamba: yes)");
        }
        if (!config.UpdateInstallation)
        {
            if (packages.EnvFile is null)
            {
                throw new BuildException("conda-containerize needs an environment file (env_file): a .yml/.yaml environment or an explicit spec .txt");
            }
            CheckFile(packages.EnvFile, "Conda environment file (env_file)");
            CondaEnvironmentFile.Check(packages.EnvFile, "Conda environment file (env_file)");
            CheckLockPlatform(packages.EnvFile);
            InstallerSource.Check(packages.MiniforgeInstaller, "miniforge_installer", searchPath);
        }
    }

    /// <summary>A conda-lock file or an explicit spec must be for the build host's platform, with every package hashed (conda-lock); checked before anything is installed.</summary>
    private static void CheckLockPlatform(string envFile)
    {
        var platform = CondaPlatform.OfHost;
        if (CondaLockFile.Is(envFile))
        {
            CondaLockFile.Read(envFile, platform);
        }
        else if (!CreateCondaEnvStep.IsYaml(envFile) && ExplicitSpec.PlatformMismatch(File.ReadAllText(envFile), platform) is { } mismatch)
        {
            throw new BuildException($"Explicit spec '{envFile}' cannot be installed here: {mismatch}; make it on a {platform} machine (conda list --explicit --md5)");
        }
    }

    private static void CheckUpdatable(BuildConfig config, string? searchPath)
    {
        var prefix = config.InstallationPrefix;
        if (!File.Exists(Path.Join(prefix, InstallationLayout.ManifestFileName)) || !File.Exists(Path.Join(prefix, config.SqfsImage)))
        {
            throw new BuildException($"'{prefix}' holds no Tykky installation to update (no {InstallationLayout.ManifestFileName} and {config.SqfsImage}); give the prefix of an existing installation");
        }
        Unsquashfs.Find(searchPath); // an update unpacks the current image with it
    }

    private static void CheckFile(string? file, string what, string fix = "give the path of an existing file")
    {
        if (file is not null && UserPaths.FileProblem(file) is { } problem)
        {
            throw new BuildException($"{what} '{file}' {problem}; {fix}");
        }
    }
}
