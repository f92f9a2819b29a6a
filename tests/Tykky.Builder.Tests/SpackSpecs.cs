using Tykky.Builder.Config;
using Tykky.Builder.Packages;
using Tykky.Builder.Steps;
using static Tykky.Builder.Tests.Fixtures.Configs;

namespace Tykky.Builder.Tests;

/// <summary>spack-containerize's pure parts: its settings, the environment file it reads and the one it writes, spack.lock, the install arguments.</summary>
public class SpackSpecs
{
    private const string InstallationPath = "/LOCAL_TYKKY";

    private static readonly SpackEnvironmentPaths Paths = new("/LOCAL_TYKKY/opt", "/LOCAL_TYKKY/view", "/tmp/cw-1/spack/stage", "/tmp/tykky-cache/spack/misc-cache",
        "/tmp/tykky-cache/spack/source-cache", ["file:///mirror"]);

    private static BuildConfig Config(string yaml) =>
        BuildConfigReader.Read(Yaml($"installation_path: {InstallationPath}\ninstallation_prefix: /home/user/env\nbuild_tmpdir_base: /tmp\nmode: spack\n{yaml}", "site.yaml"), _ => null, () => "K3X9");

    private static SpackEnvironmentFile Parse(string text) => SpackEnvironmentFile.Parse(text, "/work/spack.yaml", InstallationPath);

    [Fact]
    public void Mode_spack_wraps_the_views_bin_and_the_settings_have_their_defaults()
    {
        var config = Config("");

        Assert.Equal(["/LOCAL_TYKKY/view/bin"], config.WrapperPaths);
        Assert.Equal("/LOCAL_TYKKY/view", PackageLayout.EnvironmentRoot(config));
        Assert.Equal(SpackBuildcachePolicy.Auto, config.Spack.Buildcache);
        Assert.Equal(SpackSettings.DefaultExternals, config.Spack.Externals);
        Assert.True(config.Spack.PersistentCache);
        Assert.Null(config.Spack.SpackRoot);
    }

    [Fact]
    public void The_site_config_keys_set_Spack_its_mirrors_policy_externals_and_caches()
    {
        var config = Config("spack_root: /opt/spack\nspack_mirrors: [file:///m1, https://m2]\nspack_buildcache: only\nspack_externals: []\nspack_cache: no\n");

        Assert.Equal("/opt/spack", config.Spack.SpackRoot);
        Assert.Equal(["file:///m1", "https://m2"], config.Spack.Mirrors);
        Assert.Equal(["install", "--fail-fast", "--use-buildcache", "only"], SpackInstallStep.InstallArguments(config.Spack));
        Assert.Empty(config.Spack.Externals);
        Assert.False(config.Spack.PersistentCache);
        Assert.Equal(["install", "--fail-fast"], SpackInstallStep.InstallArguments(Config("").Spack));
        Assert.Contains("'spack_buildcache' (--use-buildcache) is 'maybe'; use auto, only or never", Assert.Throws<BuildException>(() => Config("spack_buildcache: maybe")).Message);
    }

    [Fact]
    public void The_generated_environment_has_the_users_specs_and_settings_with_the_installations_literal_paths()
    {
        var file = Parse("""
            spack:
              specs: [hello-greet, "bye-greet@1.0 +x"]
              view: /somewhere/else
              concretizer: {unify: false, reuse: true}
              config: {install_tree: {root: /home/me/opt, padded_length: 64}, connect_timeout: 30}
              mirrors: {mine: https://my.mirror}
              packages: {all: {target: [x86_64_v3]}}
            spacktainer:
              files: [files/a.sh:/LOCAL_TYKKY/share/a.sh]
            """);

        var generated = file.Generate(Paths, []);

        Assert.Equal("""
            spack:
              specs: [hello-greet, "bye-greet@1.0 +x"]
              view: /LOCAL_TYKKY/view
              concretizer:
                unify: true
                reuse: true
              config:
                install_tree:
                  root: /LOCAL_TYKKY/opt
                  padded_length: 64
                connect_timeout: 30
                build_stage:
                - /tmp/cw-1/spack/stage
                misc_cache: /tmp/tykky-cache/spack/misc-cache
                source_cache: /tmp/tykky-cache/spack/source-cache
              mirrors:
                mine: https://my.mirror
                tykky-mirror-1: file:///mirror
              packages: {all: {target: [x86_64_v3]}}
              bootstrap:
                enable: false

            """, generated);
        Assert.Equal([new SpacktainerFile("/work/files/a.sh", "/LOCAL_TYKKY/share/a.sh")], file.Files);
    }

    [Fact]
    public void An_update_adds_only_the_specs_the_environment_does_not_have()
    {
        var generated = Parse("spack:\n  specs:\n  - hello-greet\n").Generate(Paths with { Mirrors = [] }, ["hello-greet", "bye-greet"]);

        Assert.StartsWith("spack:\n  specs:\n  - hello-greet\n  - bye-greet\n  view: /LOCAL_TYKKY/view\n", generated);
        Assert.DoesNotContain("mirrors", generated);
    }

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "- a list", "is not a mapping" },
        { "spack: [hello]", "has no spack: section" },
        { "spack:\n  specs: hello\n", "spack: specs: must be a list of specs" },
        { "spack:\n  specs: [a]\nspacktainer:\n  copies: [x:y]\n", "spacktainer: may hold only files:" },
        { "spack:\n  specs: [a]\nspacktainer:\n  files: [justone]\n", "spacktainer file 'justone' is not src:dst" },
        { "spack:\n  specs: [a]\nspacktainer:\n  files: ['a : b']\n", "spacktainer file 'a : b' is not src:dst (one ':', no space around it)" },
        // a relative dst is under the installation path, but not by climbing out of it
        { "spack:\n  specs: [a]\nspacktainer:\n  files: [a:../etc/x]\n", "goes to /LOCAL_TYKKY/../etc/x, outside the installation path /LOCAL_TYKKY; in host mode" },
        { "spack:\n  specs: [a]\nspacktainer:\n  files: [a:/LOCAL_TYKKY/opt/x]\n", "goes into /LOCAL_TYKKY/opt, which Spack or Tykky own" },
        { "spack:\n  specs: [a]\nmodules: {}\n", "has the top-level key 'modules'; it may hold only spack:" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_environment_file_is_an_error_naming_the_fault(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<BuildException>(() => Parse(text)).Message);

    [Fact]
    public void The_lock_files_roots_come_with_their_hashes_and_concrete_versions()
    {
        const string lockFile = """
            {"_meta": {"file-type": "spack-lockfile", "lockfile-version": 5, "specfile-version": 4},
             "spack": {"version": "0.22.1", "type": "git", "commit": "abc"},
             "roots": [{"hash": "ii4iiyl6xvpb7u5vb7m6az2vinxffj3i", "spec": "hello-greet"}, {"hash": "gone", "spec": "other"}],
             "concrete_specs": {"ii4iiyl6xvpb7u5vb7m6az2vinxffj3i": {"name": "hello-greet", "version": "2.1"}}}
            """;

        Assert.Equal([new("hello-greet", "ii4iiyl6xvpb7u5vb7m6az2vinxffj3i", "hello-greet@2.1"), new("other", "gone", null)], SpackLock.Roots(lockFile));
        Assert.Empty(SpackLock.Roots("not json"));
        Assert.Empty(SpackLock.Roots("[1, 2]"));
    }
}
