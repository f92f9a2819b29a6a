namespace Tykky.Builder.Config;

/// <summary>How a configuration key's value is read.</summary>
public enum ConfigKind
{
    /// <summary>A string; shell variables expanded at build time.</summary>
    Text,

    /// <summary>yes/no, true/false, on/off, 1/0.</summary>
    Flag,

    /// <summary>A whole number.</summary>
    Number,

    /// <summary>A list of strings (a single string is a list of one); variables expanded.</summary>
    TextList,

    /// <summary>Shell snippets: lines, or {file: PATH} items; never expanded (the shell does it).</summary>
    Snippets,

    /// <summary>Environment for every launch: {file: PATH} or {name, value, type: set|prepend|append} items; never expanded.</summary>
    Environment,
}

/// <summary>The configuration keys Tykky knows, in one table (SPEC §3). Site configs may hold others; users get a warning for them.</summary>
public static class ConfigKeys
{
    /// <summary>Every known key and its kind.</summary>
    public static readonly IReadOnlyDictionary<string, ConfigKind> Kinds = new Dictionary<string, ConfigKind>(StringComparer.Ordinal)
    {
        ["mode"] = ConfigKind.Text,
        ["installation_path"] = ConfigKind.Text,
        ["composable"] = ConfigKind.Flag,
        ["installation_prefix"] = ConfigKind.Text,
        ["container_src"] = ConfigKind.Text,
        ["container_image"] = ConfigKind.Text,
        ["share_container"] = ConfigKind.Flag,
        ["sqfs_image"] = ConfigKind.Text,
        ["sqfs_options"] = ConfigKind.Text,
        ["num_cpus"] = ConfigKind.Number,
        ["max_num_cpus"] = ConfigKind.Number,
        ["mount_points"] = ConfigKind.TextList,
        ["excluded_mount_points"] = ConfigKind.TextList,
        ["isolate"] = ConfigKind.Flag,
        ["create_wrappers"] = ConfigKind.Flag,
        ["wrap_all"] = ConfigKind.Flag,
        ["add_ld"] = ConfigKind.Flag,
        ["env_name"] = ConfigKind.Text,
        ["conda_version"] = ConfigKind.Text,
        ["conda_arch"] = ConfigKind.Text,
        ["build_tmpdir_base"] = ConfigKind.Text,
        ["workdir"] = ConfigKind.Text,
        ["runtime"] = ConfigKind.Text,
        ["singularity_executable_path"] = ConfigKind.Text,
        ["gpu"] = ConfigKind.Text,
        ["log_level"] = ConfigKind.Number,
        ["wrapper_paths"] = ConfigKind.TextList,
        ["pre_install"] = ConfigKind.Snippets,
        ["post_install"] = ConfigKind.Snippets,
        ["extra_envs"] = ConfigKind.Environment,
        ["wrap_src"] = ConfigKind.Text,
        ["wrap_cross_mounts"] = ConfigKind.Flag,
        ["mask_wrap_install"] = ConfigKind.Flag,
        ["update_installation"] = ConfigKind.Flag,
        ["source_mount_point"] = ConfigKind.Text,
        // the installation's module (Modules.ModuleTree)
        ["module_name"] = ConfigKind.Text,
        ["module_version"] = ConfigKind.Text,
        // pip-containerize and conda-containerize (see PackageSettings)
        ["requirements_file"] = ConfigKind.Text,
        ["env_file"] = ConfigKind.Text,
        ["mamba"] = ConfigKind.Flag,
        ["use_uv"] = ConfigKind.Flag,
        ["pyver"] = ConfigKind.Text,
        ["enable_site_packages"] = ConfigKind.Flag,
        ["pipcache"] = ConfigKind.Flag,
        ["miniforge_installer"] = ConfigKind.Text,
        ["uv_installer"] = ConfigKind.Text,
        ["conda_activation"] = ConfigKind.Text,
        ["conda_clean_pkgs"] = ConfigKind.Flag,
        // spack-containerize (see SpackSettings)
        ["spack_root"] = ConfigKind.Text,
        ["spack_mirrors"] = ConfigKind.TextList,
        ["spack_buildcache"] = ConfigKind.Text,
        ["spack_externals"] = ConfigKind.TextList,
        ["spack_cache"] = ConfigKind.Flag,
        // bubblewrap's shared mount (a keeper per user and installation on a node)
        ["shared_mount"] = ConfigKind.Flag,
        ["shared_mount_idle"] = ConfigKind.Number,
    };
}
