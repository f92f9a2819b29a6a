using Tykky.Builder.Config;
using Tykky.Builder.Packages;
using Tykky.Builder.Steps;
using Tykky.Launcher.Manifest;
using static Tykky.Builder.Tests.Fixtures.Configs;

namespace Tykky.Builder.Tests;

/// <summary>pip-containerize and conda-containerize settings: keys, defaults, layout, and the command lines they give.</summary>
public class PackageSettingsSpecs
{
    private const string Base = """
        installation_path: /LOCAL_TYKKY
        installation_prefix: /home/user/env
        build_tmpdir_base: /tmp
        env_name: env1
        """;

    public sealed record Case(string Name, string Yaml)
    {
        public Func<BuildConfig, string> Show { get; init; } = _ => "";

        public string Expected { get; init; } = "";

        public string? ExpectedError { get; init; }

        public override string ToString() => Name;
    }

    public static TheoryData<Case> Rows() =>
    [
        new("mode venv is a pip build whose venv's bin comes first among the wrapper paths", "mode: venv\nwrapper_paths: [extra/bin]")
        {
            Show = c => $"{c.Mode} {string.Join(',', c.WrapperPaths)}",
            Expected = "Venv /LOCAL_TYKKY/env1/bin,/LOCAL_TYKKY/extra/bin",
        },
        new("mode conda wraps the environment's bin in miniforge/envs", "mode: conda") { Show = c => string.Join(',', c.WrapperPaths), Expected = "/LOCAL_TYKKY/miniforge/envs/env1/bin" },
        new("The environment's bin is not repeated when also given", "mode: venv\nwrapper_paths: [/LOCAL_TYKKY/env1/bin]") { Show = c => string.Join(',', c.WrapperPaths), Expected = "/LOCAL_TYKKY/env1/bin" },
        new("env_name names the venv", "mode: venv\nenv_name: tools") { Show = c => PackageLayout.EnvironmentRoot(c), Expected = "/LOCAL_TYKKY/tools" },
        new("An env_name with a slash is an error", "mode: venv\nenv_name: a/b") { ExpectedError = "Configuration key 'env_name' is 'a/b'; use a plain name" },
        new("Defaults: pip with its cache, no system site packages, Python 3.12 for uv, conda activation auto", "mode: venv")
        {
            Show = c => $"{c.Packages.UseUv} {c.Packages.PipCache} {c.Packages.SystemSitePackages} {c.Packages.PythonVersion} {c.Packages.CondaActivation}",
            Expected = "False True False 3.12 Auto",
        },
        new("The Miniforge installer defaults to the latest release for the architecture", "mode: conda\nconda_arch: Linux-aarch64")
        {
            Show = c => c.Packages.MiniforgeInstaller,
            Expected = "https://github.com/conda-forge/miniforge/releases/latest/download/Miniforge3-Linux-aarch64.sh",
        },
        new("Without conda_arch the installer is the build host's", "mode: conda")
        {
            Show = c => c.Packages.MiniforgeInstaller,
            Expected = $"https://github.com/conda-forge/miniforge/releases/latest/download/Miniforge3-Linux-{UnameMachine()}.sh",
        },
        new("conda_version picks that release", "mode: conda\nconda_version: 24.11.3-0\nconda_arch: Linux-x86_64")
        {
            Show = c => c.Packages.MiniforgeInstaller,
            Expected = "https://github.com/conda-forge/miniforge/releases/download/24.11.3-0/Miniforge3-24.11.3-0-Linux-x86_64.sh",
        },
        new("miniforge_installer wins, with variables expanded", "mode: conda\nminiforge_installer: $HOME/Miniforge3.sh") { Show = c => c.Packages.MiniforgeInstaller, Expected = "/home/user/Miniforge3.sh" },
        new("conda_activation dynamic", "mode: conda\nconda_activation: Dynamic") { Show = c => c.Packages.CondaActivation.ToString(), Expected = nameof(CondaActivationChoice.Dynamic) },
        new("An unknown conda_activation is an error listing the choices", "mode: conda\nconda_activation: lazy")
        {
            ExpectedError = "Configuration key 'conda_activation' is 'lazy'; use auto (captured when that is faithful, the default), captured (recorded at build time) or dynamic (conda activate at each launch)",
        },
        new("update_installation marks an update", "mode: venv\nupdate_installation: yes") { Show = c => c.UpdateInstallation.ToString(), Expected = "True" },
    ];

    /// <summary>What `uname -m` prints here (Miniforge's installers are named after it).</summary>
    private static string UnameMachine()
    {
        using var uname = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("uname", "-m") { RedirectStandardOutput = true })!;
        var machine = uname.StandardOutput.ReadToEnd().Trim();
        uname.WaitForExit();
        return machine;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Read_matches_the_row(Case row)
    {
        var merged = Yaml(Base, "site.yaml").WithAll(Yaml(row.Yaml));
        BuildConfig Read() => BuildConfigReader.Read(merged, name => name == "HOME" ? "/home/user" : null, () => "K3X9");

        if (row.ExpectedError is { } error)
        {
            Assert.Contains(error, Assert.Throws<BuildException>(Read).Message, StringComparison.Ordinal);
            return;
        }
        Assert.Equal(row.Expected, row.Show(Read()));
    }

    private static BuildConfig Config(string yaml) =>
        BuildConfigReader.Read(Yaml(Base, "site.yaml").WithAll(Yaml(yaml)), _ => null, () => "K3X9");

    [Fact]
    public void A_venv_is_made_by_the_containers_python3_and_the_requirements_installed_by_pip()
    {
        var config = Config("mode: venv\nenable_site_packages: yes\npipcache: no");

        Assert.Equal(["python3", "-m", "venv", "--system-site-packages", "/LOCAL_TYKKY/env1"], CreateVenvStep.Argv(config, "/LOCAL_TYKKY/env1"));
        Assert.Equal(["python", "-m", "pip", "install", "--disable-pip-version-check", "--no-cache-dir", "-r", "/in/req.txt"], PipInstallStep.Argv(config, "/in/req.txt"));
    }

    [Fact]
    public void Pip_checks_the_hashes_of_hashed_requirements_writes_its_report_and_installs_a_pylock_without_resolving()
    {
        var config = Config("mode: venv");

        Assert.Equal(["python", "-m", "pip", "install", "--disable-pip-version-check", "--require-hashes", "--report", "/r.json", "-r", "/in/req.txt"],
            PipInstallStep.Argv(config, "/in/req.txt", Locks.PipInputKind.HashedRequirements, "/r.json"));
        Assert.Equal(["python", "-m", "pip", "install", "--disable-pip-version-check", "--no-deps", "-r", "/in/pylock.toml"],
            PipInstallStep.Argv(config, "/in/pylock.toml", Locks.PipInputKind.Pylock));
        Assert.Equal(["/LOCAL_TYKKY/uv/bin/uv", "pip", "install", "--link-mode=copy", "--compile-bytecode", "--require-hashes", "-r", "/in/req.txt"],
            PipInstallStep.Argv(Config("mode: venv\nuse_uv: yes"), "/in/req.txt", Locks.PipInputKind.HashedRequirements));
    }

    [Fact]
    public void With_uv_the_venv_gets_a_managed_python_and_uv_installs()
    {
        var config = Config("mode: venv\nuse_uv: yes\npyver: '3.13'");

        Assert.Equal(["/LOCAL_TYKKY/uv/bin/uv", "venv", "--python", "3.13", "--managed-python", "--no-config", "--link-mode=copy", "/LOCAL_TYKKY/env1"],
            CreateVenvStep.Argv(config, "/LOCAL_TYKKY/env1"));
        Assert.Equal(["/LOCAL_TYKKY/uv/bin/uv", "pip", "install", "--link-mode=copy", "--compile-bytecode", "-r", "/in/req.txt"], PipInstallStep.Argv(config, "/in/req.txt"));
    }

    [Fact]
    public void A_conda_environment_is_created_at_its_path_with_env_create_for_yaml_and_create_for_explicit_specs()
    {
        var conda = Config("mode: conda");
        var mamba = Config("mode: conda\nmamba: yes\nuse_uv: yes");

        Assert.Equal(["/LOCAL_TYKKY/miniforge/bin/conda", "env", "create", "--yes", "--prefix", "/LOCAL_TYKKY/miniforge/envs/env1", "--file", "/in/env.yml"],
            CreateCondaEnvStep.Argv(conda, "/in/env.yml"));
        Assert.Equal(["/LOCAL_TYKKY/miniforge/bin/conda", "create", "--yes", "--prefix", "/LOCAL_TYKKY/miniforge/envs/env1", "--file", "/in/spec.txt"],
            CreateCondaEnvStep.Argv(conda, "/in/spec.txt"));
        Assert.Equal(["/LOCAL_TYKKY/miniforge/bin/mamba", "env", "create", "--yes", "--use-uv", "--prefix", "/LOCAL_TYKKY/miniforge/envs/env1", "--file", "/in/env.YAML"],
            CreateCondaEnvStep.Argv(mamba, "/in/env.YAML"));
        Assert.Equal(["uv", "pip", "install", "--link-mode=copy", "--compile-bytecode", "-r", "/in/req.txt"], PipInstallStep.Argv(mamba, "/in/req.txt"));
    }

    public static TheoryData<BuildMode, ShellSetup, string> Preludes() => new()
    {
        { BuildMode.Venv, ShellSetup.None, "" },
        { BuildMode.Venv, ShellSetup.CondaFunctions, "" },
        { BuildMode.Venv, ShellSetup.Activated, "source \"$env_root/bin/activate\"" },
        { BuildMode.Conda, ShellSetup.None, "" },
        { BuildMode.Conda, ShellSetup.CondaFunctions, "eval \"$(\"$CW_INSTALLATION_PATH/miniforge/bin/conda\" shell.bash hook)\"" },
        { BuildMode.Conda, ShellSetup.Activated, "eval \"$(\"$CW_INSTALLATION_PATH/miniforge/bin/conda\" shell.bash hook)\"\nconda activate \"$env_root\"" },
        { BuildMode.WrapInstall, ShellSetup.Activated, "" },
    };

    /// <summary>Preludes name values only through variables the sandbox sets: nothing is quoted into them.</summary>
    [Theory]
    [MemberData(nameof(Preludes))]
    public void The_shell_prelude_matches_the_mode_and_setup(BuildMode mode, ShellSetup setup, string expected) =>
        Assert.Equal(expected, PackageShell.Prelude(mode, setup));

    [Fact]
    public void The_list_packages_program_prints_the_list_verbatim_whatever_it_holds()
    {
        var list = "# packages in environment at /env:\npython 3.11 h_0 conda-forge\nweird \"$HOME\" `x`\nTYKKY_PACKAGE_LIST\n";

        var script = RecordCondaPackagesStep.ListPackagesScript(list);

        Assert.StartsWith("#!/bin/sh\ncat <<'TYKKY_PACKAGE_LIST_'\n", script);
        Assert.EndsWith("\nTYKKY_PACKAGE_LIST\nTYKKY_PACKAGE_LIST_\n", script);
    }

    [Fact]
    public void Installer_sources_are_urls_or_absolute_files()
    {
        Assert.True(InstallerSource.IsUrl("https://github.com/x.sh"));
        Assert.False(InstallerSource.IsUrl("/opt/Miniforge3.sh"));
        var failure = Assert.Throws<BuildException>(() => InstallerSource.Check("relative/Miniforge3.sh", "miniforge_installer", "/usr/bin"));
        Assert.Contains("Installer 'relative/Miniforge3.sh' (miniforge_installer) is not an http(s) URL or an existing file", failure.Message);
    }
}
