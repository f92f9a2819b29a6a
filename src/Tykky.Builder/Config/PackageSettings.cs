using Tykky.Builder.Platform;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Config;

/// <summary>
/// The settings of pip-containerize and conda-containerize builds (upstream's CW_REQUIREMENTS_FILE,
/// CW_ENV_FILE, CW_MAMBA, CW_USE_UV, CW_PYVER, CW_ENABLE_SITE_PACKAGES, CW_PIPCACHE), plus where the
/// Miniforge and uv installers come from and how conda activation is recorded.
/// </summary>
public sealed record PackageSettings
{
    /// <summary>Python version for --uv (uv venv -p) and --slim (the python image's tag) when pyver is unset.</summary>
    public const string DefaultPythonVersion = "3.12";

    /// <summary>The official uv installer script (upstream templates/uvenv.sh).</summary>
    public const string DefaultUvInstaller = "https://astral.sh/uv/install.sh";

    /// <summary>Name of the environment: the venv directory, or the conda environment (env_name).</summary>
    public string EnvName { get; init; } = "env1";

    /// <summary>pip requirements file to install (absolute), or null.</summary>
    public string? RequirementsFile { get; init; }

    /// <summary>conda environment file (.yml/.yaml, or an explicit spec .txt), or null.</summary>
    public string? EnvFile { get; init; }

    /// <summary>Use mamba instead of conda.</summary>
    public bool Mamba { get; init; }

    /// <summary>Use uv instead of pip (and, for pip-containerize, for the venv and its Python).</summary>
    public bool UseUv { get; init; }

    /// <summary>Python version for uv and for the slim python image.</summary>
    public string PythonVersion { get; init; } = DefaultPythonVersion;

    /// <summary>The venv sees the container's own site packages (--system-site-packages).</summary>
    public bool SystemSitePackages { get; init; }

    /// <summary>Let pip/uv use their cache (false with --nocache).</summary>
    public bool PipCache { get; init; } = true;

    /// <summary>Where the Miniforge installer comes from: an http(s) URL or a local file (by default the latest release for the build host's architecture).</summary>
    public string MiniforgeInstaller { get; init; } = MiniforgeUrl("latest", CpuArchitectures.MiniforgeName(CpuArchitectures.Host));

    /// <summary>Where the uv installer comes from: an http(s) URL or a local file.</summary>
    public string UvInstaller { get; init; } = DefaultUvInstaller;

    /// <summary>How the launcher is to activate the conda environment (conda_activation).</summary>
    public CondaActivationChoice CondaActivation { get; init; } = CondaActivationChoice.Auto;

    /// <summary>Empty conda's package cache (miniforge/pkgs: tarballs, extracted packages) before packing the image (conda_clean_pkgs).</summary>
    public bool CleanPackageCache { get; init; } = true;

    /// <summary>Reads the settings from an effective configuration.</summary>
    public static PackageSettings Read(ConfigValues values) => new()
    {
        EnvName = EnvNameOf(values.OptionalText("env_name") ?? "env1"),
        RequirementsFile = values.OptionalText("requirements_file"),
        EnvFile = values.OptionalText("env_file"),
        Mamba = values.Flag("mamba", false),
        UseUv = values.Flag("use_uv", false),
        PythonVersion = values.OptionalText("pyver") ?? DefaultPythonVersion,
        SystemSitePackages = values.Flag("enable_site_packages", false),
        PipCache = values.Flag("pipcache", true),
        MiniforgeInstaller = values.OptionalText("miniforge_installer")
            ?? MiniforgeUrl(values.OptionalText("conda_version") ?? "latest", values.OptionalText("conda_arch") ?? CpuArchitectures.MiniforgeName(CpuArchitectures.Host)),
        UvInstaller = values.OptionalText("uv_installer") ?? DefaultUvInstaller,
        CondaActivation = ActivationOf(values.OptionalText("conda_activation") ?? "auto"),
        CleanPackageCache = values.Flag("conda_clean_pkgs", true),
    };

    /// <summary>
    /// The Miniforge release URL for a version and architecture (upstream templates/conda.sh, which
    /// asked the GitHub API for the latest tag; GitHub's latest/download redirect needs no API call).
    /// </summary>
    public static string MiniforgeUrl(string version, string arch) => version == "latest"
        ? $"https://github.com/conda-forge/miniforge/releases/latest/download/Miniforge3-{arch}.sh"
        : $"https://github.com/conda-forge/miniforge/releases/download/{version}/Miniforge3-{version}-{arch}.sh";

    /// <summary>The env name becomes a directory name inside the image.</summary>
    private static string EnvNameOf(string name) =>
        name is "." or ".." || name.Contains('/') || name.Any(char.IsWhiteSpace)
            ? throw new BuildException($"Configuration key 'env_name' is '{name}'; use a plain name such as env1 (no '/' or spaces)")
            : name;

    private static CondaActivationChoice ActivationOf(string value) => value.ToLowerInvariant() switch
    {
        "auto" => CondaActivationChoice.Auto,
        "captured" => CondaActivationChoice.Captured,
        "dynamic" => CondaActivationChoice.Dynamic,
        _ => throw new BuildException($"Configuration key 'conda_activation' is '{value}'; use auto (captured when that is faithful, the default), captured (recorded at build time) or dynamic (conda activate at each launch)"),
    };
}
