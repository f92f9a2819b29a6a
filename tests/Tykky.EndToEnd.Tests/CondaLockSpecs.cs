using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// conda-containerize from lock files, with the fake-miniforge-installer.sh TEST DOUBLE: a conda-lock
/// file's conda packages become an explicit spec with their MD5s and its pip packages a hashed
/// requirements file; a conda-lock file or an explicit spec for another platform is rejected before
/// anything is installed.
/// </summary>
public sealed class CondaLockSpecs : IDisposable
{
    private const string Environment = "/LOCAL_TYKKY/miniforge/envs/env1";

    private readonly TempDir _scratch = new("conda-lock");

    public void Dispose() => _scratch.Dispose();

    private Dictionary<string, string?> BuildEnvironment() => new()
    {
        ["PATH"] = Wheelhouse.SystemPath,
        ["CW_GLOBAL_YAML"] = CondaInstallation.WriteSiteConfig(_scratch),
        ["HOME"] = _scratch.Path,
    };

    private static string LockFile(string platform) => $"""
        version: 1
        metadata:
          content_hash:
            {platform}: abc
          channels:
          - url: conda-forge
            used_env_vars: []
          platforms:
          - {platform}
          sources:
          - environment.yml
        package:
        - name: python
          version: 3.11.2
          manager: conda
          platform: {platform}
          dependencies: {"{}"}
          url: https://conda.anaconda.org/conda-forge/{platform}/python-3.11.2-fake_0.conda
          hash:
            md5: 0123456789abcdef0123456789abcdef
            sha256: {new string('a', 64)}
          category: main
          optional: false
        - name: tykkydemo
          version: '1.0'
          manager: pip
          platform: {platform}
          dependencies: {"{}"}
          url: https://files.example.org/tykkydemo-1.0-py3-none-any.whl
          hash:
            sha256: {new string('b', 64)}
          category: main
          optional: false
        """;

    [Fact]
    public void A_conda_lock_file_installs_its_conda_packages_with_md5s_and_its_pip_packages_with_hashes()
    {
        // Arrange
        _scratch.Write("conda-lock.yml", LockFile("linux-64"));
        var prefix = _scratch["install"];

        // Act
        var build = new Builds(_scratch).Run("conda-containerize", ["new", "--prefix", prefix, "conda-lock.yml"], new RunOptions { Environment = BuildEnvironment() });
        RunResult Cat(string file) => Run.Command([Path.Join(prefix, "bin", "_debug_exec"), "cat", file], new RunOptions { Environment = BuildEnvironment() });

        // Assert
        Assert.True(build.ExitCode == 0, build.ToString());
        var spec = Cat($"{Environment}/conda-meta/created-from.explicit");
        Assert.Contains("# platform: linux-64\n@EXPLICIT\nhttps://conda.anaconda.org/conda-forge/linux-64/python-3.11.2-fake_0.conda#0123456789abcdef0123456789abcdef\n", spec.Out);
        Assert.Equal($"tykkydemo==1.0 --hash=sha256:{new string('b', 64)}\n", Cat($"{Environment}/conda-meta/pip-installed.txt").Out);
        Assert.Contains("#0123456789abcdef0123456789abcdef", File.ReadAllText(Path.Join(prefix, "share", "conda-explicit.txt")));
    }

    [Fact]
    public void A_conda_installation_exported_and_rebuilt_has_the_same_packages_and_manifest()
    {
        // Arrange
        _scratch.Write("conda-lock.yml", LockFile("linux-64"));
        var builds = new Builds(_scratch);
        var first = builds.Run("conda-containerize", ["new", "--prefix", _scratch["first"], "conda-lock.yml"], new RunOptions { Environment = BuildEnvironment() });
        Assert.True(first.ExitCode == 0, first.ToString());

        // Act
        var export = Run.Command([ToolTree.Bin("tykky"), "export", _scratch["first"], "--into", _scratch["export"]], new RunOptions { Environment = BuildEnvironment() });
        var again = builds.Run("conda-containerize", ["new", "--prefix", _scratch["again"], _scratch["export"]], new RunOptions { Environment = BuildEnvironment() });

        // Assert
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal($"tykkydemo==1.0 --hash=sha256:{new string('b', 64)}\n", File.ReadAllLines(_scratch["export/requirements.txt"]).Skip(1).Single() + "\n");
        Assert.Contains("#0123456789abcdef0123456789abcdef", File.ReadAllText(_scratch["export/conda-explicit.txt"]));
        Assert.True(again.ExitCode == 0, again.ToString());
        foreach (var file in new[] { "share/conda-explicit.txt", "share/pip-lock.txt" })
        {
            Assert.Equal(File.ReadAllText(Path.Join(_scratch["first"], file)), File.ReadAllText(Path.Join(_scratch["again"], file)));
        }
        Assert.Equal(PipLockSpecs.WithoutId(File.ReadAllText(_scratch["first/tykky.json"])), PipLockSpecs.WithoutId(File.ReadAllText(_scratch["again/tykky.json"])));
    }

    [Fact]
    public void A_conda_lock_file_for_another_platform_is_rejected_before_anything_is_installed()
    {
        // Arrange
        _scratch.Write("conda-lock.yml", LockFile("osx-arm64"));
        var builds = new Builds(_scratch);

        // Act
        var run = builds.Run("conda-containerize", ["new", "--prefix", _scratch["other"], "conda-lock.yml"], new RunOptions { Environment = BuildEnvironment() });

        // Assert
        builds.AssertRejected(run, "locks osx-arm64, not this build host's linux-64; lock it for linux-64 too (conda-lock lock -p linux-64)", _scratch["other"]);
    }

    [Fact]
    public void An_explicit_spec_for_another_platform_is_rejected_before_anything_is_installed()
    {
        // Arrange
        _scratch.Write("spec.txt", "# platform: linux-aarch64\n@EXPLICIT\nhttps://conda.anaconda.org/conda-forge/linux-aarch64/python-3.11.2-fake_0.conda#00\n");
        var builds = new Builds(_scratch);

        // Act
        var run = builds.Run("conda-containerize", ["new", "--prefix", _scratch["other"], "spec.txt"], new RunOptions { Environment = BuildEnvironment() });

        // Assert
        builds.AssertRejected(run, "it is for linux-aarch64 (its '# platform:' line), not this build host's linux-64", _scratch["other"]);
    }
}
