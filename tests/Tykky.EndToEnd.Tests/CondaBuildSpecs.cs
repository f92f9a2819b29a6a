using System.Text.Json;
using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// conda-containerize builds of their own, with the fake-miniforge-installer.sh TEST DOUBLE: explicit
/// specs, mamba, dynamic activation, updates, CW_ENABLE_CONDARC, and conda's errors.
/// </summary>
public sealed class CondaBuildSpecs : IDisposable
{
    private const string Environment = "/LOCAL_TYKKY/miniforge/envs/env1";

    private readonly TempDir _scratch = new("conda-build");
    private readonly Builds _builds;
    private readonly string _siteConfig;

    public CondaBuildSpecs()
    {
        _builds = new Builds(_scratch);
        _siteConfig = CondaInstallation.WriteSiteConfig(_scratch);
        _scratch.Write("env.yml", "channels:\n  - conda-forge\ndependencies:\n  - python=3.11\n");
        _scratch.Write("home/.condarc", "channels: [user-channel]\n");
    }

    private string Prefix => _scratch["inst"];

    public void Dispose() => _scratch.Dispose();

    private RunResult Build(IReadOnlyDictionary<string, string?>? more, params string[] arguments) =>
        _builds.Run(arguments[0], arguments[1..], new RunOptions { Environment = BuildEnvironment(more) });

    private Dictionary<string, string?> BuildEnvironment(IReadOnlyDictionary<string, string?>? more)
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = Wheelhouse.SystemPath, ["CW_GLOBAL_YAML"] = _siteConfig, ["HOME"] = _scratch["home"] };
        foreach (var (name, value) in more ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }
        return environment;
    }

    private RunResult Inside(params string[] argv) =>
        Run.Command([Path.Join(Prefix, "bin", "_debug_exec"), .. argv], new RunOptions { Environment = new Dictionary<string, string?> { ["PATH"] = Wheelhouse.SystemPath } });

    /// <summary>Runs the wrapper <paramref name="program"/> of the installation, with <paramref name="more"/> variables.</summary>
    private RunResult Launch(string program, params (string Name, string Value)[] more)
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = Wheelhouse.SystemPath };
        foreach (var (name, value) in more)
        {
            environment[name] = value;
        }
        return Run.Command([Path.Join(Prefix, "bin", program)], new RunOptions { Environment = environment });
    }

    private JsonElement CondaManifest() => JsonDocument.Parse(File.ReadAllText(Path.Join(Prefix, "tykky.json"))).RootElement.GetProperty("conda");

    private static string ErrorLine(RunResult result) =>
        Assert.Single(result.Stderr.Split('\n'), line => line.StartsWith("[ ERROR ]", StringComparison.Ordinal));

    [Fact]
    public void Packages_conda_cannot_find_fail_with_its_whole_report_and_the_build_log_is_kept()
    {
        // Arrange: conda's report for three packages is longer than any tail of its output
        _scratch.Write("bad.yml", "dependencies:\n  - python\n  - nosuchpkg-a\n  - nosuchpkg-b\n  - nosuchpkg-c\n");

        // Act
        var build = Build(null, "conda-containerize", "new", "--prefix", Prefix, "bad.yml");

        // Assert: the error line names every package and the kept log; the report follows it whole
        Assert.Equal(1, build.ExitCode);
        var error = ErrorLine(build);
        Assert.Contains("PackagesNotFoundError: The following packages are not available from current channels: nosuchpkg-a, nosuchpkg-b, nosuchpkg-c (", error);
        var log = Assert.Single(_builds.KeptLogs());
        Assert.EndsWith($"; full build log: {log}", error);
        var report = build.Stderr[build.Stderr.IndexOf("[ ERROR ]", StringComparison.Ordinal)..];
        Assert.Contains("\n      - nosuchpkg-a\n      - nosuchpkg-b\n      - nosuchpkg-c\n\n    Current channels:\n\n      - https://conda.anaconda.org/conda-forge/linux-64\n", report);
        Assert.EndsWith("    and use the search bar at the top of the page.\n", report);
        Assert.Contains("  - nosuchpkg-c", File.ReadAllText(log));
        Assert.False(Directory.Exists(Prefix), "the prefix was left behind");
        Assert.Empty(_builds.Leftovers());
    }

    [Fact]
    public void The_classic_solvers_ResolvePackageNotFound_names_every_package()
    {
        _scratch.Write("bad.yml", "dependencies:\n  - nosuchpkg-a\n  - nosuchpkg-b\n");

        var build = Build(new Dictionary<string, string?> { ["CONDA_SOLVER"] = "classic" }, "conda-containerize", "new", "--prefix", Prefix, "bad.yml");

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("failed: ResolvePackageNotFound: nosuchpkg-a, nosuchpkg-b (", ErrorLine(build));
    }

    [Fact]
    public void Mambas_libmamba_report_names_every_package()
    {
        _scratch.Write("bad.yml", "dependencies:\n  - nosuchpkg-a\n  - nosuchpkg-b\n");

        var build = Build(null, "conda-containerize", "new", "--mamba", "--prefix", Prefix, "bad.yml");

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("failed: libmamba: Could not solve for environment specs; does not exist: nosuchpkg-a, nosuchpkg-b (", ErrorLine(build));
        Assert.Contains("\n    critical libmamba Could not solve for environment specs\n", build.Stderr);
    }

    [Fact]
    public void On_a_terminal_the_final_message_lists_every_missing_package()
    {
        // Arrange: script(1) gives the builder a terminal, where the tool's output is one line rewritten in place
        _scratch.Write("bad.yml", "dependencies:\n  - nosuchpkg-a\n  - nosuchpkg-b\n  - nosuchpkg-c\n");
        var command = string.Join(' ', new[] { ToolTree.Bin("conda-containerize"), "new", "--prefix", Prefix, "bad.yml" }.Select(word => $"'{word}'"));

        // Act
        var build = Run.Command(["script", "-qec", command, "/dev/null"],
            new RunOptions { Environment = BuildEnvironment(new Dictionary<string, string?> { ["CW_BUILD_TMPDIR"] = _builds.BuildBase }), WorkingDirectory = _scratch.Path });

        // Assert
        Assert.Equal(1, build.ExitCode);
        var final = build.Out[build.Out.LastIndexOf("[ ERROR ]", StringComparison.Ordinal)..].Replace("\r\n", "\n");
        Assert.Contains("current channels: nosuchpkg-a, nosuchpkg-b, nosuchpkg-c (", final);
        Assert.Contains("\n      - nosuchpkg-a\n      - nosuchpkg-b\n      - nosuchpkg-c\n", final);
    }

    [Fact]
    public void A_post_install_scripts_conda_install_failure_is_reported_whole()
    {
        _scratch.Write("conda-install.sh", "conda install -y nosuchpkg-x nosuchpkg-y\necho not reached\n");

        var build = Build(null, "conda-containerize", "new", "--post-install", "conda-install.sh", "--prefix", Prefix, "env.yml");

        Assert.Contains("The post-install script failed: PackagesNotFoundError: The following packages are not available from current channels: nosuchpkg-x, nosuchpkg-y (", ErrorLine(build));
        Assert.Contains("\n    Current channels:\n", build.Stderr);
        Assert.False(Directory.Exists(Prefix), "the prefix was left behind");
        Assert.Empty(_builds.Leftovers());
    }

    [Fact]
    public void An_activate_d_script_that_branches_on_SLURM_JOB_ID_makes_the_activation_dynamic_with_a_warning()
    {
        // Arrange
        _scratch.Write("slurm.yml", "dependencies:\n  - python\n  - fake-slurm-scratch\n");

        // Act
        var build = Build(null, "conda-containerize", "new", "--prefix", Prefix, "slurm.yml");
        var inJob = Launch("fake-env-probe", ("SLURM_JOB_ID", "4242"));
        var outside = Launch("fake-env-probe");
        var info = Run.Command([ToolTree.Bin("tykky"), "info", Prefix]);

        // Assert
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains($"[ WARNING ] The conda activation cannot be captured faithfully: FAKE_SCRATCH depends on the launch environment ({Environment}/etc/conda/activate.d/fake-slurm-scratch.sh)", build.Stderr);
        Assert.Equal("dynamic", CondaManifest().GetProperty("mode").GetString());
        Assert.Contains("FAKE_SCRATCH=/scratch/job-4242\n", inJob.Out);
        Assert.Contains("FAKE_SCRATCH=/tmp/fake-scratch\n", outside.Out);
        Assert.Contains("Activation:    dynamic: the activation cannot be captured faithfully: FAKE_SCRATCH depends on the launch environment", info.Out);
    }

    [Fact]
    public void conda_activation_captured_records_even_an_unfaithful_capture_with_a_warning()
    {
        _scratch.Write("slurm.yml", "dependencies:\n  - python\n  - fake-slurm-scratch\n");
        _scratch.Write("captured.yaml", $"env_file: slurm.yml\ninstallation_prefix: {Prefix}\nconda_activation: captured\n");

        var build = Build(null, "conda-containerize", "advanced", "captured.yaml");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("[ WARNING ] conda_activation: captured: the recorded activation differs from conda activate's at launch: FAKE_SCRATCH depends on the launch environment", build.Stderr);
        Assert.Equal("captured", CondaManifest().GetProperty("mode").GetString());
    }

    [Fact]
    public void An_explicit_spec_is_created_with_create_and_mamba_is_used_when_asked()
    {
        _scratch.Write("spec.txt", "@EXPLICIT\nhttps://conda.anaconda.org/conda-forge/linux-64/python-3.11.2-fake_0.conda\n");

        var build = Build(null, "conda-containerize", "new", "--mamba", "--prefix", Prefix, "spec.txt");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(0, Inside("test", "-f", $"{Environment}/conda-meta/created-from.explicit").ExitCode);
        Assert.Contains("TOOL=mamba", Inside("cat", $"{Environment}/conda-meta/condarc-seen.txt").Out);
    }

    [Fact]
    public void CW_ENABLE_CONDARC_lets_conda_read_the_users_condarc()
    {
        _scratch.Write("home/.condarc", "channels: [user-channel]\nauto_activate_base: false\nenv_prompt: '[builder] '\n");

        var build = Build(new Dictionary<string, string?> { ["CW_ENABLE_CONDARC"] = "1" }, "conda-containerize", "new", "--prefix", Prefix, "env.yml");
        var probe = Launch("fake-env-probe");

        // Assert: the install read it, and so did the captured activation
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains($"condarc: {_scratch["home"]}/.condarc", Inside("cat", $"{Environment}/conda-meta/condarc-seen.txt").Out);
        Assert.Contains("CONDA_SHLVL=1\n", probe.Out);
        Assert.Contains("CONDA_PROMPT_MODIFIER=[builder] \n", probe.Out);
    }

    [Fact]
    public void Dynamic_activation_activates_at_each_launch_in_the_containers_bash()
    {
        // Arrange: advanced YAML with the keys themselves
        _scratch.Write("dynamic.yaml", $"env_file: env.yml\ninstallation_prefix: {Prefix}\nconda_activation: dynamic\n");

        // Act
        var build = Build(null, "conda-containerize", "advanced", "dynamic.yaml");
        var probe = Run.Command([Path.Join(Prefix, "bin", "fake-env-probe"), "two words", ""], new RunOptions { Environment = new Dictionary<string, string?> { ["PATH"] = Wheelhouse.SystemPath } });

        // Assert
        Assert.True(build.ExitCode == 0, build.ToString());
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Join(Prefix, "tykky.json")));
        Assert.Equal("dynamic", manifest.RootElement.GetProperty("conda").GetProperty("mode").GetString());
        Assert.Empty(manifest.RootElement.GetProperty("conda").GetProperty("changes").EnumerateArray());
        Assert.Contains("FAKE_CONDA_VAR=set by activate.d\n", probe.Out);
        Assert.EndsWith("arg=[two words]\narg=[]\n", probe.Out);
    }

    [Fact]
    public void An_update_runs_its_post_install_script_in_the_activated_environment()
    {
        // Arrange
        Assert.Equal(0, Build(null, "conda-containerize", "new", "--prefix", Prefix, "env.yml").ExitCode);
        _scratch.Write("post.sh", "echo \"post-install saw $CONDA_PREFIX and $FAKE_CONDA_VAR\" > \"$CONDA_PREFIX/post.txt\"\nconda --version\n");

        // Act
        var update = Build(null, "conda-containerize", "update", "--post-install", "post.sh", Prefix);

        // Assert
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Equal($"post-install saw {Environment} and set by activate.d\n", Inside("cat", $"{Environment}/post.txt").Out);
        Assert.True(File.Exists(Path.Join(Prefix, "share", "previous_input", "2", "post.sh")));
        Assert.Empty(_builds.Leftovers());
    }

    [Fact]
    public void Each_frontend_updates_only_its_own_installations()
    {
        Assert.Equal(0, Build(null, "conda-containerize", "new", "--prefix", Prefix, "env.yml").ExitCode);
        _scratch.Write("requirements.txt", "tykkydemo\n");

        var update = Build(null, "pip-containerize", "update", "-r", "requirements.txt", Prefix);

        Assert.Contains("was made by conda-containerize, not pip-containerize", ErrorLine(update));
    }

    [Fact]
    public void Bad_input_is_one_error_line_naming_the_fix()
    {
        Assert.Contains("--uv works only with --mamba", ErrorLine(Build(null, "conda-containerize", "new", "--uv", "--prefix", Prefix, "env.yml")));
        Assert.Contains("Conda environment file 'missing.yml' does not exist", ErrorLine(Build(null, "conda-containerize", "new", "--prefix", Prefix, "missing.yml")));
        Assert.Contains("Requirements file 'missing.txt' (--requirement) does not exist", ErrorLine(Build(null, "conda-containerize", "new", "-r", "missing.txt", "--prefix", Prefix, "env.yml")));
        _scratch.Write("no-installer.yaml", $"env_file: env.yml\ninstallation_prefix: {Prefix}\nminiforge_installer: /no/such/Miniforge3.sh\n");
        Assert.Contains("Installer '/no/such/Miniforge3.sh' (miniforge_installer) is not an http(s) URL or an existing file",
            ErrorLine(Build(null, "conda-containerize", "advanced", "no-installer.yaml")));
        Assert.False(Directory.Exists(Prefix));
        Assert.Empty(_builds.Leftovers());
    }

    [Fact]
    public void A_binary_environment_file_is_refused_before_Miniforge_is_installed()
    {
        File.WriteAllBytes(_scratch["env.yml"], [0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0]);

        var build = Build(null, "conda-containerize", "new", "--prefix", Prefix, "env.yml");

        _builds.AssertRejected(build, $"Conda environment file (env_file) '{_scratch["env.yml"]}' is a binary file (byte 7 is not text), not a conda environment file", Prefix);
        Assert.DoesNotContain("Installing Miniforge", build.Out + build.Stderr);
    }

    [Theory]
    [InlineData("env.yml", "- python\n", "must be a mapping of keys to values")]
    [InlineData("env.yml", "dependencies: python\n", "'dependencies' (")]
    [InlineData("spec.txt", "@EXPLICIT\n{\"not\": \"a spec\"}\n", "line 2: '{\"not\": \"a spec\"}' is not a package spec, a package URL or @EXPLICIT")]
    public void An_environment_file_of_the_wrong_shape_is_refused_before_Miniforge_is_installed(string name, string content, string message)
    {
        _scratch.Write(name, content);

        var build = Build(null, "conda-containerize", "new", "--prefix", Prefix, name);

        _builds.AssertRejected(build, message, Prefix);
        Assert.DoesNotContain("Installing Miniforge", build.Out + build.Stderr);
    }

    [Fact]
    public void Mamba_missing_from_Miniforge_is_reported_right_after_the_install()
    {
        var build = Build(new Dictionary<string, string?> { ["FAKE_MINIFORGE_WITHOUT_MAMBA"] = "1" }, "conda-containerize", "new", "--mamba", "--prefix", Prefix, "env.yml");

        _builds.AssertRejected(build, "--mamba (mamba: yes) needs /LOCAL_TYKKY/miniforge/bin/mamba, and the Miniforge installed from", Prefix);
        Assert.Contains("has no mamba; use a Miniforge release that includes mamba, or build without --mamba", ErrorLine(build));
        Assert.DoesNotContain("Creating the conda environment", build.Out + build.Stderr);
    }

    [Fact]
    public void Conda_clean_pkgs_no_keeps_the_package_cache_in_the_image()
    {
        var site = _scratch.Write("keep-cache.yaml", File.ReadAllText(_siteConfig).Replace("defaults:\n", "defaults:\n    conda_clean_pkgs: no\n", StringComparison.Ordinal));

        var build = Build(new Dictionary<string, string?> { ["CW_GLOBAL_YAML"] = site }, "conda-containerize", "new", "--prefix", Prefix, "env.yml");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("package cache", build.Out);
        Assert.Equal(0, Inside("test", "-f", "/LOCAL_TYKKY/miniforge/pkgs/python-3.11.2-fake_0.conda").ExitCode);
    }
}
