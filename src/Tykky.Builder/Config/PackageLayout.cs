namespace Tykky.Builder.Config;

/// <summary>
/// Where pip-containerize and conda-containerize put things inside the image (upstream templates/venv.sh
/// and conda.sh): the venv at <c>&lt;installation_path&gt;/&lt;env_name&gt;</c>, Miniforge at
/// <c>&lt;installation_path&gt;/miniforge</c> with the environment in <c>miniforge/envs/&lt;env_name&gt;</c>,
/// uv (when used) in <c>&lt;installation_path&gt;/uv</c>; spack-containerize's environment in
/// <c>&lt;installation_path&gt;/env</c>, its install tree in <c>opt</c> and its view in <c>view</c>. Pure.
/// </summary>
public static class PackageLayout
{
    /// <summary>The Miniforge installation inside the image.</summary>
    public static string MiniforgeRoot(string installationPath) => $"{installationPath}/miniforge";

    /// <summary>The conda executable inside the image.</summary>
    public static string CondaExecutable(string installationPath) => $"{MiniforgeRoot(installationPath)}/bin/conda";

    /// <summary>The package manager that creates and changes the environment: mamba with <c>mamba: yes</c>, else conda.</summary>
    public static string PackageManager(string installationPath, PackageSettings packages) =>
        $"{MiniforgeRoot(installationPath)}/bin/{(packages.Mamba ? "mamba" : "conda")}";

    /// <summary>uv's own directory inside the image (the uv binary in bin/, managed Pythons in python/).</summary>
    public static string UvRoot(string installationPath) => $"{installationPath}/uv";

    /// <summary>The Spack environment directory (spack.yaml, spack.lock) inside the image.</summary>
    public static string SpackEnvironment(string installationPath) => $"{installationPath}/env";

    /// <summary>Spack's install tree root inside the image.</summary>
    public static string SpackInstallTree(string installationPath) => $"{installationPath}/opt";

    /// <summary>The Spack environment's view inside the image (a link Spack points at <c>._view/HASH</c>).</summary>
    public static string SpackView(string installationPath) => $"{installationPath}/view";

    /// <summary>
    /// The environment the installation is about (upstream's <c>env_root</c>): the venv, the conda
    /// environment, the Spack view, or the installation path itself for other builds.
    /// </summary>
    public static string EnvironmentRoot(BuildMode mode, string installationPath, PackageSettings packages) => mode switch
    {
        BuildMode.WrapInstall or BuildMode.WrapContainer => installationPath,
        BuildMode.Venv => $"{installationPath}/{packages.EnvName}",
        BuildMode.Conda => $"{MiniforgeRoot(installationPath)}/envs/{packages.EnvName}",
        BuildMode.Spack => SpackView(installationPath),
    };

    /// <summary>The environment's own wrapper path (its bin/), which comes before the user's -w paths.</summary>
    public static IEnumerable<string> EnvironmentWrapperPaths(BuildMode mode, string installationPath, PackageSettings packages) => mode switch
    {
        BuildMode.WrapInstall or BuildMode.WrapContainer => [],
        BuildMode.Venv or BuildMode.Conda or BuildMode.Spack => [$"{EnvironmentRoot(mode, installationPath, packages)}/bin"],
    };

    /// <summary>The environment root of <paramref name="config"/>.</summary>
    public static string EnvironmentRoot(BuildConfig config) => EnvironmentRoot(config.Mode, config.InstallationPath, config.Packages);
}
