using System.Text.Json;
using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// conda-containerize with the fake-miniforge-installer.sh TEST DOUBLE: the activation (activate.d
/// included) is captured once at build time, faithfully (launch-time facts stay launch-time, the
/// builder's condarc stays out), and applied by the real launcher at each launch; the opt-outs; venvs on
/// top keep their own environment.
/// </summary>
[Collection(CondaInstallationCollection.Name)]
public sealed class CondaContainerizeSpecs(CondaInstallation conda) : IDisposable
{
    private const string Environment = "/LOCAL_TYKKY/miniforge/envs/env1";

    private readonly TempDir _scratch = new("conda-specs");

    public void Dispose() => _scratch.Dispose();

    private static Dictionary<string, string> Probe(RunResult run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Out.TrimEnd('\n').Split('\n').Where(l => !l.StartsWith("arg=", StringComparison.Ordinal))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    [Fact]
    public void The_captured_activation_is_applied_at_launch()
    {
        // Act
        var probe = Probe(conda.Run([conda.Wrapper("fake-env-probe")], new Dictionary<string, string?> { ["FAKE_SEARCH_PATH"] = "/mine" }));

        // Assert: activate.d ran at build time; its list extends the caller's value, PATH has the environment first
        Assert.Equal("set by activate.d", probe["FAKE_CONDA_VAR"]);
        Assert.Equal($"{Environment}/share/fake:/mine", probe["FAKE_SEARCH_PATH"]);
        Assert.Equal(Environment, probe["CONDA_PREFIX"]);
        Assert.Equal("env1", probe["CONDA_DEFAULT_ENV"]);
        Assert.Equal($"{Environment}/bin:/LOCAL_TYKKY/miniforge/condabin:{Wheelhouse.SystemPath}", probe["PATH"]);
    }

    [Fact]
    public void The_manifest_holds_the_captured_changes_so_no_conda_runs_at_launch()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Join(conda.Prefix, "tykky.json")));
        var activation = manifest.RootElement.GetProperty("conda");
        var changes = activation.GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("action").GetString()} {c.GetProperty("name").GetString()}").ToArray();

        Assert.Equal("captured", activation.GetProperty("mode").GetString());
        Assert.Equal("/LOCAL_TYKKY/miniforge/bin/conda", activation.GetProperty("condaExecutable").GetString());
        Assert.Equal(Environment, activation.GetProperty("environmentPath").GetString());
        Assert.Contains("prepend PATH", changes);
        Assert.Contains("set FAKE_CONDA_VAR", changes);
        Assert.Contains("prepend FAKE_SEARCH_PATH", changes);
        Assert.DoesNotContain(changes, c => c.EndsWith(" PS1", StringComparison.Ordinal) || c.EndsWith(" SHLVL", StringComparison.Ordinal));
    }

    [Fact]
    public void CW_NO_CONDA_ACTIVATE_leaves_the_environment_as_the_caller_had_it()
    {
        var probe = Probe(conda.Run([conda.Wrapper("fake-env-probe")], new Dictionary<string, string?> { ["CW_NO_CONDA_ACTIVATE"] = "1" }));

        Assert.Equal("<unset>", probe["FAKE_CONDA_VAR"]);
        Assert.Equal("<unset>", probe["CONDA_PREFIX"]);
        Assert.Equal(Wheelhouse.SystemPath, probe["PATH"]);
    }

    [Fact]
    public void A_venv_on_top_is_not_activated_unless_CW_FORCE_CONDA_ACTIVATE_and_its_bin_stays_first()
    {
        // Arrange
        var venv = _scratch["VE"];
        var create = conda.Run([conda.Wrapper("python"), "-m", "venv", "--without-pip", venv]);
        Assert.True(create.ExitCode == 0, create.ToString());
        const string code = "import os, sys; print(os.environ.get('FAKE_CONDA_VAR')); print(os.environ['PATH'].split(':')[0]); print(sys.prefix)";
        var onPath = new Dictionary<string, string?> { ["PATH"] = $"{venv}/bin:{Wheelhouse.SystemPath}" };

        // Act
        var plain = conda.Run([$"{venv}/bin/python", "-c", code], onPath);
        var forced = conda.Run([$"{venv}/bin/python", "-c", code], new Dictionary<string, string?>(onPath) { ["CW_FORCE_CONDA_ACTIVATE"] = "1" });

        // Assert
        Assert.Equal($"None\n{venv}/bin\n{venv}\n", plain.Out);
        Assert.Equal($"set by activate.d\n{venv}/bin\n{venv}\n", forced.Out);
    }

    [Fact]
    public void The_package_lists_and_the_pip_requirements_are_in_the_installation()
    {
        var listPackages = conda.Run([conda.Wrapper("list-packages")]);
        var pipInstalled = conda.Run([conda.Wrapper("_debug_exec"), "cat", $"{Environment}/conda-meta/pip-installed.txt"]);

        Assert.StartsWith($"# packages in environment at {Environment}:", listPackages.Out);
        Assert.Contains("@EXPLICIT", File.ReadAllText(Path.Join(conda.Prefix, "share", "conda-explicit.txt")));
        Assert.Equal("tykkydemo\n", pipInstalled.Out);
    }

    [Fact]
    public void The_users_condarc_is_kept_away_from_conda_and_the_terms_of_service_variable_passes()
    {
        var seen = conda.Run([conda.Wrapper("_debug_exec"), "cat", $"{Environment}/conda-meta/condarc-seen.txt", "/LOCAL_TYKKY/miniforge/installer-condarc-seen.txt"]).Out;

        Assert.DoesNotContain("condarc:", seen);
        Assert.DoesNotContain($"HOME={conda.Home}", seen);
        Assert.Contains("CONDA_PKGS_DIRS=/LOCAL_TYKKY/miniforge/pkgs", seen);
        Assert.Contains("CONDA_PLUGINS_AUTO_ACCEPT_TOS=true", seen);
        Assert.Contains("TOOL=conda", seen);
    }

    [Fact]
    public void The_builders_condarc_does_not_shape_the_captured_activation()
    {
        // the builder's ~/.condarc says auto_activate_base: false and env_prompt: '[builder] '
        var probe = Probe(conda.Run([conda.Wrapper("fake-env-probe")]));

        Assert.Equal("2", probe["CONDA_SHLVL"]); // base activated first, as conda does by default
        Assert.Equal("(env1) ", probe["CONDA_PROMPT_MODIFIER"]);
    }

    [Fact]
    public void A_value_activate_d_makes_from_HOME_follows_the_launching_users_home()
    {
        var probe = Probe(conda.Run([conda.Wrapper("fake-env-probe")], new Dictionary<string, string?> { ["HOME"] = "/home/alice" }));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Join(conda.Prefix, "tykky.json")));
        var change = manifest.RootElement.GetProperty("conda").GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "FAKE_HOME_CONFIG");

        Assert.Equal("/home/alice/.fake-home-config", probe["FAKE_HOME_CONFIG"]);
        Assert.Equal("${HOME}/.fake-home-config", change.GetProperty("value").GetString());
    }

    [Fact]
    public void A_variable_activate_d_unsets_is_unset_at_launch_though_the_builder_had_none()
    {
        var probe = Probe(conda.Run([conda.Wrapper("fake-env-probe")], new Dictionary<string, string?> { ["FAKE_LEGACY_SETTING"] = "old" }));

        Assert.Equal("<unset>", probe["FAKE_LEGACY_SETTING"]);
    }

    [Fact]
    public void Info_shows_the_activation_mode_and_why()
    {
        var info = conda.Run([ToolTree.Bin("tykky"), "info", conda.Prefix]);

        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("Activation:    captured at build time: it reproduces conda activate under a perturbed launch environment (HOME, TMPDIR, USER, LOGNAME, and SLURM_* set and unset)\n", info.Out);
    }

    [Fact]
    public void Condas_package_cache_is_not_packed_into_the_image_and_the_saving_is_reported()
    {
        var cache = conda.Run([conda.Wrapper("_debug_exec"), "find", "/LOCAL_TYKKY/miniforge/pkgs", "-name", "*.conda"]);
        var linkedFromTheCache = conda.Run([conda.Wrapper("_debug_exec"), "wc", "-c", $"{Environment}/share/fake/python.data"]);

        Assert.Equal(0, cache.ExitCode);
        Assert.Equal("", cache.Out);
        // the two fake tarballs are 256 KiB each; the extracted files the environment links to stay
        Assert.Matches(@"conda's package cache \(/LOCAL_TYKKY/miniforge/pkgs\) is not packed: the image holds (5\d\d\.\d KiB) less before compression", conda.BuildResult.Out);
        Assert.StartsWith("262144 ", linkedFromTheCache.Out);
    }
}
