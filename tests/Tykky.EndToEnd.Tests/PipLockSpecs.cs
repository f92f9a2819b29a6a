using System.Text.RegularExpressions;
using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// The module and the locks of a real pip installation (from the local wheelhouse, real pip): the
/// module files a build writes, loaded by real Lmod; <c>tykky module --into</c>; <c>tykky export</c> and a
/// build from the export (same packages, the same manifest apart from the installation id); hashed
/// requirements whose hash is wrong and a pylock.toml the environment's pip cannot read, rejected.
/// </summary>
[Collection(PipInstallationCollection.Name)]
public sealed partial class PipLockSpecs(PipInstallation pip) : IDisposable
{
    private const string LmodInit = "/usr/share/lmod/lmod/init/bash";

    private readonly TempDir _scratch = new("pip-lock");

    public void Dispose() => _scratch.Dispose();

    private string ModuleName => Path.GetFileName(pip.Prefix);

    [FilesFact(LmodInit)]
    public void The_build_writes_a_module_that_puts_the_wrappers_on_PATH_and_names_the_packages()
    {
        // Arrange
        var modules = Path.Join(pip.Prefix, "share", "modulefiles");
        Assert.True(File.Exists(Path.Join(modules, ModuleName, "1.lua")));
        Assert.StartsWith("#%Module", File.ReadAllText(Path.Join(modules, ModuleName, "1")));

        // Act
        var run = pip.Run(["/bin/bash", "-c", $". {LmodInit}; module use '{modules}'; module load {ModuleName} && command -v tykkydemo && echo \"TYKKY_PREFIX=$TYKKY_PREFIX\"; module help {ModuleName} 2>&1"]);

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{pip.Prefix}/bin/tykkydemo\n", run.Out);
        Assert.Contains($"TYKKY_PREFIX={pip.Prefix}\n", run.Out);
        Assert.Contains("pip-containerize (a Python venv)", run.Out);
        Assert.Contains("tykkydemo 1.0", run.Out);
    }

    [Fact]
    public void Tykky_module_copies_both_module_files_into_a_site_tree()
    {
        // Act
        var run = pip.Run([ToolTree.Bin("tykky"), "module", pip.Prefix, "--into", _scratch["site"]]);

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var name in new[] { "1.lua", "1" })
        {
            Assert.Equal(File.ReadAllText(Path.Join(pip.Prefix, "share", "modulefiles", ModuleName, name)), File.ReadAllText(_scratch[$"site/{ModuleName}/{name}"]));
        }
    }

    [Fact]
    public void An_export_rebuilds_the_same_packages_and_manifest()
    {
        // Act
        var export = pip.Run([ToolTree.Bin("tykky"), "export", pip.Prefix, "--into", _scratch["export"]]);
        var rebuild = new Builds(_scratch).Run("pip-containerize", ["new", "--prefix", _scratch["again"], _scratch["export"]], new RunOptions { Environment = pip.Wheels.Environment() });

        // Assert
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Matches(@"(?m)^tykkydemo==1\.0 --hash=sha256:[0-9a-f]{64}$", File.ReadAllText(_scratch["export/requirements.txt"]));
        Assert.Contains("image: none", File.ReadAllText(_scratch["export/container.txt"])); // host mode: no container to digest
        Assert.True(File.Exists(_scratch["export/VERSION.yml"]));
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.Equal(File.ReadAllText(_scratch["export/requirements.txt"]), File.ReadAllText(_scratch["again/share/previous_input/1/requirements.txt"]));
        Assert.Equal(File.ReadAllText(Path.Join(pip.Prefix, "share", "pip-freeze.txt")), File.ReadAllText(_scratch["again/share/pip-freeze.txt"]));
        Assert.Equal(WithoutId(File.ReadAllText(Path.Join(pip.Prefix, "tykky.json"))), WithoutId(File.ReadAllText(_scratch["again/tykky.json"])));
    }

    [Fact]
    public void Hashed_requirements_with_a_wrong_hash_are_rejected_before_anything_is_installed()
    {
        // Arrange
        _scratch.Write("hashed.txt", $"tykkydemo==1.0 --hash=sha256:{new string('0', 64)}\n");
        var builds = new Builds(_scratch);

        // Act
        var run = builds.Run("pip-containerize", ["new", "--prefix", _scratch["wrong-hash"], "hashed.txt"], new RunOptions { Environment = pip.Wheels.Environment() });

        // Assert
        builds.AssertRejected(run, "DO NOT MATCH THE HASHES", _scratch["wrong-hash"]);
    }

    [Fact]
    public void Hashed_requirements_naming_a_package_that_is_not_there_are_rejected_before_anything_is_installed()
    {
        // Arrange
        var tykkydemo = File.ReadAllLines(Path.Join(pip.Prefix, "share", "pip-lock.txt")).Single(l => l.StartsWith("tykkydemo==", StringComparison.Ordinal));
        _scratch.Write("missing.txt", $"{tykkydemo}\nnosuchpkg==1.0 --hash=sha256:{new string('0', 64)}\n");
        var builds = new Builds(_scratch);

        // Act
        var run = builds.Run("pip-containerize", ["new", "--prefix", _scratch["missing"], "missing.txt"], new RunOptions { Environment = pip.Wheels.Environment() });

        // Assert
        builds.AssertRejected(run, "No matching distribution found for nosuchpkg==1.0", _scratch["missing"]);
    }

    [Fact]
    public void A_pylock_toml_that_the_environments_pip_cannot_read_gets_one_error_saying_what_is_needed()
    {
        // Arrange
        _scratch.Write("pylock.toml", "lock-version = \"1.0\"\ncreated-by = \"test\"\n\n[[packages]]\nname = \"tykkydemo\"\nversion = \"1.0\"\n");
        var builds = new Builds(_scratch);

        // Act
        var run = builds.Run("pip-containerize", ["new", "--prefix", _scratch["pylock"], "pylock.toml"], new RunOptions { Environment = pip.Wheels.Environment() });

        // Assert
        builds.AssertRejected(run, "cannot install a pylock.toml (PEP 751); that needs pip 26.1 or later", _scratch["pylock"]);
    }

    /// <summary>A manifest without its installation id (random for every new installation).</summary>
    public static string WithoutId(string manifest) => InstallationId().Replace(manifest, "\"installationId\": \"ID\"");

    [GeneratedRegex("\"installationId\":\\s*\"[0-9a-f]+\"")]
    private static partial Regex InstallationId();
}
