using Tykky.Builder.Modules;
using Tykky.Builder.Tests.Fixtures;
using Tykky.Tests;

namespace Tykky.Builder.Tests;

/// <summary>
/// The module files of an installation, loaded and unloaded by real Lmod and real Environment Modules
/// in bash: PATH and TYKKY_PREFIX while loaded and after, conflicts, composable installations together,
/// help and whatis. Also the pure pieces: quoting and the recorded package lists.
/// </summary>
public sealed class ModuleFileSpecs : IDisposable
{
    private readonly TempDir _directory = new("modules");

    /// <summary>A tree with two non-composable installations (alpha, beta) and two composable ones (gamma, delta), prefixes with characters both languages would otherwise substitute.</summary>
    public ModuleFileSpecs()
    {
        foreach (var (name, composable) in new[] { ("alpha", false), ("beta", false), ("gamma", true), ("delta", true) })
        {
            var module = Describe(name, composable);
            Directory.CreateDirectory(Prefix(name));
            var names = ModuleTree.FileNames(module.Version);
            _directory.Write($"tree/{name}/{names[0]}", LuaModuleFile.Render(module));
            _directory.Write($"tree/{name}/{names[1]}", TclModuleFile.Render(module));
        }
    }

    private string Tree => _directory["tree"];

    private string Prefix(string name) => _directory[$"inst $HOME [1] \"{name}\""];

    private ModuleDescription Describe(string name, bool composable) => new()
    {
        Name = name,
        Version = "3",
        Prefix = Prefix(name),
        Kind = "pip-containerize (a Python venv)",
        Runtime = "bwrap 0.8.0, host mode",
        Inputs = ["/work/requirements.txt"],
        Packages = [new PackageVersion("tykkydemo", "1.0"), new PackageVersion("secondpkg", "2.0")],
        PackageList = "2 in all, share/pip-freeze.txt",
        Composable = composable,
    };

    public void Dispose() => _directory.Dispose();

    [LmodFact]
    public void Lmod_loads_prepends_bin_and_sets_TYKKY_PREFIX_and_unload_restores_PATH_exactly() => Load_and_unload_restore(ModuleTool.Lmod);

    [EnvironmentModulesFact]
    public void Environment_Modules_loads_prepends_bin_and_sets_TYKKY_PREFIX_and_unload_restores_PATH_exactly() => Load_and_unload_restore(ModuleTool.EnvironmentModules);

    [LmodFact]
    public void Lmod_refuses_a_second_non_composable_installation_naming_both() => Non_composable_conflict(ModuleTool.Lmod);

    [EnvironmentModulesFact]
    public void Environment_Modules_refuses_a_second_non_composable_installation_naming_both() => Non_composable_conflict(ModuleTool.EnvironmentModules);

    [LmodFact]
    public void Lmod_loads_composable_installations_together() => Composable_together(ModuleTool.Lmod);

    [EnvironmentModulesFact]
    public void Environment_Modules_loads_composable_installations_together() => Composable_together(ModuleTool.EnvironmentModules);

    [LmodFact]
    public void Lmod_help_and_whatis_show_kind_runtime_input_and_packages() => Help_and_whatis(ModuleTool.Lmod);

    [EnvironmentModulesFact]
    public void Environment_Modules_help_and_whatis_show_kind_runtime_input_and_packages() => Help_and_whatis(ModuleTool.EnvironmentModules);

    private void Load_and_unload_restore(ModuleTool tool)
    {
        // Act
        var (exitCode, output) = tool.Run($"""
            module use '{Tree}'
            before=$PATH
            module load alpha || exit 3
            echo "loaded PATH=$PATH"
            echo "loaded TYKKY_PREFIX=$TYKKY_PREFIX"
            module unload alpha || exit 4
            [ "$PATH" = "$before" ] && echo "PATH restored" || echo "PATH differs: $PATH"
            echo "after TYKKY_PREFIX=${"{"}TYKKY_PREFIX-<unset>{"}"}"
            """);

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Contains($"loaded PATH={Prefix("alpha")}/bin:{ModuleTool.CleanPath}\n", output);
        Assert.Contains($"loaded TYKKY_PREFIX={Prefix("alpha")}\n", output);
        Assert.Contains("PATH restored\n", output);
        Assert.Contains("after TYKKY_PREFIX=<unset>\n", output);
    }

    private void Non_composable_conflict(ModuleTool tool)
    {
        // Act
        var (exitCode, output) = tool.Run($"""
            module use '{Tree}'
            module load alpha || exit 3
            if module load beta; then echo "beta loaded"; else echo "beta refused"; fi
            echo "TYKKY_PREFIX=$TYKKY_PREFIX"
            echo "PATH=$PATH"
            """);

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Contains("beta refused", output);
        var message = string.Join(' ', output.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)); // Lmod wraps its messages
        Assert.Contains("Tykky installation beta/3 cannot be loaded together with alpha: neither is composable", message);
        Assert.Contains("run 'module unload alpha' first", message);
        Assert.Contains($"TYKKY_PREFIX={Prefix("alpha")}\n", output);
        Assert.Contains($"PATH={Prefix("alpha")}/bin:{ModuleTool.CleanPath}\n", output);
    }

    private void Composable_together(ModuleTool tool)
    {
        // Act
        var (exitCode, output) = tool.Run($"""
            module use '{Tree}'
            before=$PATH
            module load gamma || exit 3
            module load delta || exit 4
            echo "both PATH=$PATH"
            echo "both TYKKY_PREFIX=$TYKKY_PREFIX"
            module unload delta || exit 5
            echo "gamma TYKKY_PREFIX=$TYKKY_PREFIX"
            module unload gamma || exit 6
            [ "$PATH" = "$before" ] && echo "PATH restored" || echo "PATH differs: $PATH"
            """);

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Contains($"both PATH={Prefix("delta")}/bin:{Prefix("gamma")}/bin:{ModuleTool.CleanPath}\n", output);
        Assert.Contains($"both TYKKY_PREFIX={Prefix("delta")}\n", output);
        Assert.Contains($"gamma TYKKY_PREFIX={Prefix("gamma")}\n", output);
        Assert.Contains("PATH restored\n", output);
    }

    private void Help_and_whatis(ModuleTool tool)
    {
        // Act
        var (exitCode, output) = tool.Run($"""
            module use '{Tree}'
            module help alpha
            module whatis alpha
            """);

        // Assert
        Assert.True(exitCode == 0, output);
        foreach (var expected in new[]
        {
            $"Tykky installation alpha/3 in {Prefix("alpha")}", "Made by: pip-containerize (a Python venv)", "Runtime: bwrap 0.8.0, host mode",
            "Inputs: /work/requirements.txt", "  tykkydemo 1.0", "Packages: tykkydemo 1.0, secondpkg 2.0", "Input: /work/requirements.txt",
            "Not composable",
        })
        {
            Assert.Contains(expected, output);
        }
    }

    [Fact]
    public void Pip_freeze_lines_give_names_and_versions_and_other_lines_are_skipped()
    {
        var packages = RecordedPackages.FromPipFreeze("# comment\ntykkydemo==1.0\n-e git+https://x/y#egg=z\nsecond_pkg==2.0.post1\nlocal @ file:///w/local.whl\n");

        Assert.Equal([new("tykkydemo", "1.0"), new("second_pkg", "2.0.post1")], packages);
    }

    [Fact]
    public void A_conda_explicit_spec_gives_names_and_versions_from_the_file_names()
    {
        var packages = RecordedPackages.FromCondaExplicit(
            "# platform: linux-64\n@EXPLICIT\nhttps://conda.anaconda.org/conda-forge/linux-64/python-3.11.2-h2755cc3_0_cpython.conda#0123\n" +
            "https://conda.anaconda.org/conda-forge/noarch/tzdata-2024a-h0c530f3_0.tar.bz2\n");

        Assert.Equal([new("python", "3.11.2"), new("tzdata", "2024a")], packages);
    }

    [Fact]
    public void The_main_packages_are_those_the_inputs_name_else_the_first_ones()
    {
        PackageVersion[] recorded = [new("libgcc", "14"), new("numpy", "1.26"), new("Python", "3.12")];

        Assert.Equal([new("numpy", "1.26"), new("Python", "3.12")],
            RecordedPackages.MainPackages(recorded, ["name: x\ndependencies:\n  - python=3.12\n  - numpy\n"]));
        Assert.Equal(recorded, RecordedPackages.MainPackages(recorded, ["--hash=sha256:00\n"]));
    }

    [Theory]
    [InlineData("plain", "\"plain\"", "\"plain\"")]
    [InlineData("a \"q\" \\ b", "\"a \\\"q\\\" \\\\ b\"", "\"a \\\"q\\\" \\\\ b\"")]
    [InlineData("$HOME [x] {y}", "\"$HOME [x] {y}\"", "\"\\$HOME \\[x\\] \\{y\\}\"")]
    [InlineData("two\nlines", "\"two\\nlines\"", "\"two\\nlines\"")]
    public void Strings_are_quoted_so_that_nothing_is_substituted(string value, string lua, string tcl)
    {
        Assert.Equal(lua, LuaModuleFile.Quote(value));
        Assert.Equal(tcl, TclModuleFile.Quote(value));
    }
}
