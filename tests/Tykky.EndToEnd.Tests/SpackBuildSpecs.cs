using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// spack-containerize builds that fail, with the fake-spack TEST DOUBLE: Spack's own errors (an unknown
/// package, a source that cannot be fetched offline) become the error line, and the preflight refuses
/// bad input before anything is built.
/// </summary>
public sealed class SpackBuildSpecs : IDisposable
{
    private readonly TempDir _scratch = new("spack-build");
    private readonly Builds _builds;

    public SpackBuildSpecs() => _builds = new Builds(_scratch);

    private string Prefix => _scratch["inst"];

    public void Dispose() => _scratch.Dispose();

    /// <summary>Builds <paramref name="yaml"/> with the fake Spack (unless <paramref name="options"/> give --spack), PATH <paramref name="path"/> (the system's when null).</summary>
    private RunResult Build(string yaml, string? path = null, params string[] options)
    {
        _scratch.Write("spack.yaml", yaml);
        var environment = new Dictionary<string, string?> { ["PATH"] = path ?? Wheelhouse.SystemPath, ["HOME"] = _scratch["home"] };
        string[] spack = options.Contains("--spack") ? [] : ["--spack", SpackInstallation.FakeSpack];
        return _builds.Run("spack-containerize", ["new", .. spack, .. options, "--prefix", Prefix, "spack.yaml"], new RunOptions { Environment = environment });
    }

    /// <summary>Exit 1, one error line holding <paramref name="message"/>, no prefix, no build directory left (the persistent cache may stay).</summary>
    private void AssertFailed(RunResult build, string message)
    {
        Assert.True(build.ExitCode == 1, build.ToString());
        Assert.Contains(message, Assert.Single(build.Stderr.Split('\n'), line => line.StartsWith("[ ERROR ]", StringComparison.Ordinal)));
        Assert.False(Directory.Exists(Prefix), "the prefix was left behind");
        Assert.DoesNotContain(_builds.Leftovers(), entry => Path.GetFileName(entry).StartsWith("cw-", StringComparison.Ordinal));
        Assert.False(Directory.Exists(_scratch["home/.spack"]), "Spack wrote into HOME");
    }

    [Fact]
    public void An_unknown_spec_fails_with_Spacks_error_line_and_leaves_nothing()
    {
        var build = Build("spack:\n  specs: [hello-greet, nosuchpkg]\n");

        AssertFailed(build, "Concretizing the Spack environment failed: ==> Error: Package 'nosuchpkg' not found.");
        Assert.Contains("Use 'spack create' to create a new package.", build.Stderr);
    }

    [Fact]
    public void A_source_that_cannot_be_fetched_offline_fails_with_Spacks_FetchError()
    {
        var build = Build("spack:\n  specs: [needs-network]\n");

        AssertFailed(build, "==> Error: Failed to install needs-network due to FetchError: All fetchers failed for spack-stage-needs-network-1.0-");
    }

    public sealed record BadInput(string Name, string Yaml, string Expected, string[] Options)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<BadInput> BadInputs() =>
    [
        new("A spacktainer file outside the installation path", "spack:\n  specs: [hello-greet]\nspacktainer:\n  files:\n    - spack.yaml:/opt/spack.yaml\n",
            "spacktainer file 'spack.yaml:/opt/spack.yaml' goes to /opt/spack.yaml, outside the installation path /LOCAL_TYKKY; in host mode", []),
        new("A spacktainer source that does not exist", "spack:\n  specs: [hello-greet]\nspacktainer:\n  files:\n    - nothing.txt:share/nothing.txt\n",
            "spacktainer file source '", []),
        new("Another top-level key", "spack:\n  specs: [hello-greet]\ncontainer:\n  format: docker\n", "has the top-level key 'container'", []),
        new("No specs", "spack:\n  view: true\n", "lists no specs", []),
        new("Not YAML", "spack: [unclosed\n", "is not valid YAML", []),
        new("No Spack there", "spack:\n  specs: [hello-greet]\n", "Spack not found: '/nonexistent/bin/spack' does not exist", ["--spack", "/nonexistent"]),
        new("A build-cache policy Spack does not have", "spack:\n  specs: [hello-greet]\n", "'spack_buildcache' (--use-buildcache) is 'sometimes'", ["--use-buildcache", "sometimes"]),
    ];

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_refused_before_anything_is_built(BadInput row) =>
        AssertFailed(Build(row.Yaml, null, row.Options), row.Expected);

    [Fact]
    public void A_Spack_whose_clingo_cannot_be_imported_is_refused_with_how_to_provide_it()
    {
        // Arrange: the double without its clingo module
        var spackRoot = _scratch["spack-without-clingo"];
        Assert.Equal(0, Run.Command(["cp", "-a", SpackInstallation.FakeSpack, spackRoot]).ExitCode);
        Directory.Delete(Path.Join(spackRoot, "lib", "spack", "external", "clingo"), recursive: true);

        // Act
        var build = Build("spack:\n  specs: [hello-greet]\n", null, "--spack", spackRoot);

        // Assert
        AssertFailed(build, "Spack's concretizer clingo cannot be imported");
        Assert.Contains("python3 -m pip install clingo", build.Stderr);
    }

    [Fact]
    public void A_build_cache_without_patchelf_is_refused()
    {
        // Arrange: a PATH with python3 (the double needs it) and no patchelf
        var bin = Directory.CreateDirectory(_scratch["bin"]).FullName;
        File.CreateSymbolicLink(Path.Join(bin, "python3"), "/usr/bin/python3");

        var build = Build("spack:\n  specs: [hello-greet]\n", bin, "--mirror", $"file://{_scratch["mirror"]}");

        AssertFailed(build, "patchelf not found on PATH: Spack relocates binaries from a build cache with it");
    }
}
