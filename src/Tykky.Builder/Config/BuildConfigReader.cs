using Tykky.Builder.Modules;
using Tykky.Builder.Reporting;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Config;

/// <summary>Turns the merged configuration into a checked <see cref="BuildConfig"/>. Pure: the environment and the random suffix come in as functions.</summary>
public static class BuildConfigReader
{
    /// <summary>Keys whose values are shell text for later: never expanded at build time (upstream construct.py "specials").</summary>
    private static readonly HashSet<ConfigKind> UnexpandedKinds = [ConfigKind.Snippets, ConfigKind.Environment];

    /// <summary>Reads <paramref name="merged"/>.</summary>
    public static BuildConfig Read(ConfigMap merged, Func<string, string?> environment, Func<string> randomSuffix)
    {
        var config = ExpandVariables(WithEnvironmentOverrides(merged, environment), environment);
        config = WithComposableSuffix(config, randomSuffix);
        var values = new ConfigValues(config);
        var installationPath = RequireAbsolute(values.Text("installation_path"), "installation_path");
        config = config.With("wrapper_paths", new ConfigList(
            values.TextList("wrapper_paths").Select(p => (ConfigNode)new ConfigScalar(p.StartsWith('/') ? p : $"{installationPath}/{p}", "wrapper_paths")).ToArray(), "wrapper_paths"));
        values = new ConfigValues(config);
        var numCpus = values.Number("num_cpus", System.Environment.ProcessorCount);
        var mode = ModeOf(values.Text("mode"));
        var packages = PackageSettings.Read(values);
        var prefix = RequireAbsolute(values.Text("installation_prefix"), "installation_prefix (--prefix)");
        return new BuildConfig
        {
            Mode = mode,
            InstallationPath = installationPath,
            InstallationPrefix = prefix,
            BuildTmpdirBase = RequireAbsolute(values.Text("build_tmpdir_base"), "the build directory base (CW_BUILD_TMPDIR or build_tmpdir_base)"),
            Workdir = values.OptionalText("workdir") ?? environment("PWD") ?? "/",
            SqfsImage = values.OptionalText("sqfs_image") ?? "img.sqfs",
            SqfsOptions = (values.OptionalText("sqfs_options") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Processors = Math.Max(1, Math.Min(numCpus, values.Number("max_num_cpus", numCpus))),
            Isolate = values.Flag("isolate", false),
            MountPoints = values.TextList("mount_points"),
            ExcludedMountPoints = values.TextList("excluded_mount_points"),
            CreateWrappers = values.Flag("create_wrappers", true),
            WrapAll = values.Flag("wrap_all", false),
            AddLd = values.Flag("add_ld", false),
            WrapperPaths = [.. PackageLayout.EnvironmentWrapperPaths(mode, installationPath, packages).Concat(values.TextList("wrapper_paths")).Distinct(StringComparer.Ordinal)],
            Runtime = RuntimeOf(values.OptionalText("runtime") ?? "auto"),
            SingularityExecutablePath = values.OptionalText("singularity_executable_path"),
            ContainerSrc = values.OptionalText("container_src") ?? "auto",
            ContainerImage = values.OptionalText("container_image") ?? "container.sif",
            ShareContainer = values.Flag("share_container", false),
            Gpu = GpuOf(values.OptionalText("gpu") ?? "none"),
            SharedMount = values.Flag("shared_mount", true),
            SharedMountIdleSeconds = Positive(values.Number("shared_mount_idle", 60), "shared_mount_idle"),
            LogLevel = (LogLevel)Math.Clamp(values.Number("log_level", (int)LogLevel.Info), (int)LogLevel.Error, (int)LogLevel.Debug),
            PreInstall = values.Snippets("pre_install"),
            PostInstall = values.Snippets("post_install"),
            ExtraEnvs = values.Environment("extra_envs"),
            WrapSource = values.OptionalText("wrap_src"),
            MaskWrapInstall = values.Flag("mask_wrap_install", false),
            WrapCrossMounts = values.Flag("wrap_cross_mounts", false),
            UpdateInstallation = values.Flag("update_installation", false),
            Composable = values.Flag("composable", false),
            ModuleName = values.OptionalText("module_name") is { } name ? ModuleTree.CheckedPart(name, "module_name", config.Get("module_name")!.Origin)
                : ModuleTree.CheckedPart(Path.GetFileName(prefix), "module_name", "the prefix's directory name"),
            ModuleVersion = values.OptionalText("module_version") is { } version ? ModuleTree.CheckedPart(version, "module_version", config.Get("module_version")!.Origin) : null,
            Packages = packages,
            Spack = SpackSettings.Read(values),
            Effective = config,
        };
    }

    /// <summary>User keys that Tykky does not know (likely typos), for a warning.</summary>
    public static IEnumerable<string> UnknownKeys(ConfigMap user) =>
        user.Entries.Where(e => !ConfigKeys.Kinds.ContainsKey(e.Key)).Select(e => $"'{e.Key}' ({e.Value.Origin})");

    private static ConfigMap WithEnvironmentOverrides(ConfigMap config, Func<string, string?> environment)
    {
        if (environment("CW_LOG_LEVEL") is { Length: > 0 } level)
        {
            config = config.With("log_level", new ConfigScalar(level, "CW_LOG_LEVEL"));
        }
        if (environment("CW_BUILD_TMPDIR") is { Length: > 0 } tmpdir)
        {
            config = config.With("build_tmpdir_base", new ConfigScalar(tmpdir, "CW_BUILD_TMPDIR"));
        }
        return config;
    }

    private static ConfigMap ExpandVariables(ConfigMap config, Func<string, string?> environment) =>
        config with
        {
            Entries = config.Entries.Select(e => ConfigKeys.Kinds.TryGetValue(e.Key, out var kind) && UnexpandedKinds.Contains(kind)
                ? e : new KeyValuePair<string, ConfigNode>(e.Key, Expand(e.Value, environment))).ToArray(),
        };

    private static ConfigNode Expand(ConfigNode node, Func<string, string?> environment) => node switch
    {
        ConfigScalar scalar => scalar with { Value = VariableExpansion.Expand(scalar.Value, environment, VariableExpansion.UnsetVariables.Keep) },
        ConfigList list => list with { Items = list.Items.Select(i => Expand(i, environment)).ToArray() },
        _ => node,
    };

    /// <summary>
    /// composable: a random suffix on the installation path lets several installations be mounted
    /// at once; kept on update and not used for --mask, whose path must equal the original's.
    /// </summary>
    private static ConfigMap WithComposableSuffix(ConfigMap config, Func<string> randomSuffix)
    {
        var values = new ConfigValues(config);
        if (!values.Flag("composable", false) || values.Flag("update_installation", false) || values.Flag("mask_wrap_install", false))
        {
            return config;
        }
        var path = values.Text("installation_path");
        return config.With("installation_path", new ConfigScalar($"{path}_{randomSuffix()}", config.Get("installation_path")!.Origin));
    }

    private static string RequireAbsolute(string path, string what) =>
        path.StartsWith('/') ? path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/"
            : throw new BuildException($"{what} '{path}' is not an absolute path; give an absolute path");

    private static int Positive(int value, string key) =>
        value > 0 ? value : throw new BuildException($"{key} is {value}; give a number of seconds greater than 0");

    private static BuildMode ModeOf(string mode) => mode switch
    {
        "wrapcont" => BuildMode.WrapContainer,
        "wrapdisk" => BuildMode.WrapInstall,
        "venv" => BuildMode.Venv,
        "conda" => BuildMode.Conda,
        "spack" => BuildMode.Spack,
        _ => throw new BuildException($"Configuration key 'mode' is '{mode}'; this Tykky builds: wrapdisk, wrapcont, venv, conda, spack"),
    };

    private static GpuMode GpuOf(string gpu) => gpu.ToLowerInvariant() switch
    {
        "none" or "no" => GpuMode.None,
        "auto" => GpuMode.Auto,
        "nvidia" or "nv" => GpuMode.Nvidia,
        "amd" or "rocm" => GpuMode.Amd,
        _ => throw new BuildException($"Configuration key 'gpu' is '{gpu}'; use auto, nvidia, amd or none"),
    };

    private static RuntimeChoice RuntimeOf(string runtime) => runtime.ToLowerInvariant() switch
    {
        "auto" => RuntimeChoice.Auto,
        "apptainer" => RuntimeChoice.Apptainer,
        "singularity" => RuntimeChoice.Singularity,
        "bwrap" or "bubblewrap" => RuntimeChoice.Bwrap,
        _ => throw new BuildException($"Configuration key 'runtime' is '{runtime}'; use auto, apptainer, singularity or bwrap"),
    };
}
