using System.Text.Json;
using System.Text.RegularExpressions;
using Tykky.EndToEnd.Tests.Infrastructure;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// spack-containerize with the fake-spack TEST DOUBLE (real gcc-built programs, RPATHs into the install
/// tree): programs run from the image with their libraries found by RPATH, spacktainer files, the
/// records in share/, tykky info, an update that adds a spec, and nothing left in HOME or TMPDIR.
/// </summary>
[Collection(SpackInstallationCollection.Name)]
public sealed partial class SpackContainerizeSpecs(SpackInstallation spack)
{
    private RunResult Inside(params string[] argv) => spack.Run([spack.Wrapper("_debug_exec"), .. argv]);

    [Fact]
    public void A_program_runs_from_the_image_with_its_library_found_by_RPATH_and_no_LD_LIBRARY_PATH()
    {
        // Act
        var hello = spack.Run([spack.Wrapper("hello-greet")]);
        var libraryPath = Inside("sh", "-c", "echo \"[$LD_LIBRARY_PATH]\"");
        var dynamic = Inside("readelf", "-d", "/LOCAL_TYKKY/view/bin/hello-greet");

        // Assert: libgreet.so is only in the image, at a path inside the install tree
        Assert.True(hello.ExitCode == 0, hello.ToString());
        Assert.Equal("hello from libgreet (hello-greet 2.1)\n", hello.Out);
        Assert.Equal("[]\n", libraryPath.Out);
        Assert.Matches(@"(RUNPATH|RPATH).*\[/LOCAL_TYKKY/opt/linux-[^/]+/gcc-[^/]+/libgreet-1\.0-[a-z2-7]{32}/lib:", dynamic.Out);
    }

    [Fact]
    public void The_install_tree_database_view_and_environment_are_in_the_image_at_their_literal_paths()
    {
        var listing = Inside("sh", "-c", "readlink /LOCAL_TYKKY/view; test -f /LOCAL_TYKKY/opt/.spack-db/index.json && echo database; test -f /LOCAL_TYKKY/env/.spack-env/transaction_lock && echo lock");
        var environment = Inside("cat", "/LOCAL_TYKKY/env/spack.yaml").Out;

        Assert.Matches(@"^/LOCAL_TYKKY/\._view/[0-9a-f]+\ndatabase\nlock\n$", listing.Out);
        Assert.Matches(HelloPrefix(), spack.HelloPrefixBeforeUpdate);
        Assert.Contains("  view: /LOCAL_TYKKY/view\n", environment);
        Assert.Contains("    install_tree:\n      root: /LOCAL_TYKKY/opt\n", environment);
        Assert.Contains("  concretizer:\n    unify: true\n", environment);
        Assert.Contains("  bootstrap:\n    enable: false\n", environment);
        Assert.DoesNotContain("spacktainer", environment);
        // compiler find and external find wrote into the environment
        Assert.Contains("spec: gcc@=", environment);
        Assert.Contains("buildable: false", environment);
    }

    [Fact]
    public void The_spacktainer_files_are_copied_into_the_image()
    {
        var script = spack.Run([spack.Wrapper("_debug_exec"), "/LOCAL_TYKKY/share/run.sh"]);
        var data = Inside("cat", "/LOCAL_TYKKY/share/data/notes.txt");

        Assert.Equal("run.sh from the image: /LOCAL_TYKKY/share/run.sh\n", script.Out);
        Assert.Equal("spacktainer data\n", data.Out);
    }

    [Fact]
    public void Spack_leaves_nothing_in_HOME_TMPDIR_or_the_build_base_but_its_persistent_caches()
    {
        Assert.Empty(Directory.EnumerateFileSystemEntries(spack.Home));
        Assert.Empty(Directory.EnumerateFileSystemEntries(spack.Tmp));
        Assert.Equal([Path.Join(spack.Builds.BuildBase, "tykky-cache")], spack.Builds.Leftovers());
        Assert.True(Directory.Exists(Path.Join(spack.Builds.BuildBase, "tykky-cache", "spack", "misc-cache")), "the misc cache was not kept for the next build");
    }

    [Fact]
    public void The_output_of_Spack_is_shown_live()
    {
        Assert.Contains("    ==> Installing libgreet-1.0-", spack.BuildResult.Out + spack.BuildResult.Stderr);
        Assert.Contains("    ==> bye-greet: Successfully installed bye-greet-1.0-", spack.UpdateResult.Out + spack.UpdateResult.Stderr);
    }

    [Fact]
    public void An_update_adds_a_spec_into_the_same_tree_and_keeps_the_paths_and_hashes()
    {
        var bye = spack.Run([spack.Wrapper("bye-greet")]);
        var hello = spack.Run([spack.Wrapper("hello-greet")]);
        var helloPrefix = Inside("readlink", "-f", "/LOCAL_TYKKY/view/bin/hello-greet").Out.Trim();

        Assert.Equal("bye, and hello from libgreet (bye-greet 1.0)\n", bye.Out);
        Assert.Equal("hello from libgreet (hello-greet 2.1)\n", hello.Out);
        Assert.Equal(spack.HelloPrefixBeforeUpdate, helloPrefix);
        Assert.DoesNotContain("Finding compilers", spack.UpdateResult.Out + spack.UpdateResult.Stderr);
    }

    [Fact]
    public void A_post_install_script_runs_with_the_environment_active_and_Spack_on_PATH()
    {
        var seen = Inside("cat", "/LOCAL_TYKKY/share/post-install.txt");

        Assert.Equal($"SPACK_ENV=/LOCAL_TYKKY/env spack={SpackInstallation.FakeSpack}/bin/spack\n", seen.Out);
    }

    [Fact]
    public void Share_records_the_environment_as_given_as_built_its_lock_file_and_the_Spack_version()
    {
        var share = Path.Join(spack.Prefix, "share");
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Join(share, "spack.lock")));

        Assert.Equal(SpackInstallation.MoreYaml, File.ReadAllText(Path.Join(share, "spack-given.yaml")));
        Assert.Equal(SpackInstallation.SpackYaml, File.ReadAllText(Path.Join(share, "previous_input", "1", "spack.yaml")));
        Assert.Contains("  - bye-greet\n", File.ReadAllText(Path.Join(share, "spack.yaml")));
        Assert.Equal(5, lockFile.RootElement.GetProperty("_meta").GetProperty("lockfile-version").GetInt32());
        Assert.Equal("0.22.1", lockFile.RootElement.GetProperty("spack").GetProperty("version").GetString());
        Assert.StartsWith("0.22.1 (", File.ReadAllText(Path.Join(share, "spack-version.txt")));
    }

    [Fact]
    public void Tykky_info_shows_the_roots_and_their_hashes()
    {
        var hash = HelloPrefix().Match(spack.HelloPrefixBeforeUpdate).Groups["hash"].Value;

        var text = spack.Run([ToolTree.Bin("tykky"), "info", spack.Prefix]);
        var json = spack.Run([ToolTree.Bin("tykky"), "info", "--json", spack.Prefix]);
        using var document = JsonDocument.Parse(json.Out);
        var roots = document.RootElement.GetProperty("spackRoots").EnumerateArray().Select(r => $"{r.GetProperty("spec").GetString()} {r.GetProperty("hash").GetString()}").ToArray();

        Assert.Contains("Spack roots:   2 (share/spack.lock)\n", text.Out);
        Assert.Contains($"  hello-greet: hello-greet@2.1 /{hash}\n", text.Out);
        Assert.Matches(@"  bye-greet: bye-greet@1\.0 /[a-z2-7]{32}\n", text.Out);
        Assert.Equal($"hello-greet {hash}", roots[0]);
    }

    [GeneratedRegex(@"^/LOCAL_TYKKY/opt/linux-[a-z0-9]+-[a-z0-9_]+/gcc-[0-9.]+/hello-greet-2\.1-(?<hash>[a-z2-7]{32})/bin/hello-greet$")]
    private static partial Regex HelloPrefix();
}
