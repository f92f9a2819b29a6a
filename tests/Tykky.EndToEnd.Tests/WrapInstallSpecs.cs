using System.Text;
using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>wrap-install, for real: mksquashfs, the bubblewrap sandbox for scripts, the launcher at the end.</summary>
[Collection(ProbeInstallationCollection.Name)]
public sealed class WrapInstallSpecs(ProbeInstallation installation) : IDisposable
{
    private readonly TempDir _scratch = new("wrap-install");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void The_prefix_holds_a_handful_of_files_however_many_the_source_had()
    {
        var sourceFiles = Directory.EnumerateFiles(installation.Source, "*", SearchOption.AllDirectories).Count();
        // bin/ holds hard links of the launcher: more names of one file
        var installedFiles = Directory.EnumerateFiles(installation.Prefix, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Select(f => Path.GetRelativePath(installation.Prefix, f)).Where(f => !f.StartsWith("generations/1/bin/", StringComparison.Ordinal)).Order().ToArray();

        Assert.True(sourceFiles > ProbeInstallation.DataFileCount);
        Assert.Equal(["generations/1/img.sqfs", "generations/1/share/VERSION.yml", "generations/1/share/conf.yaml", "generations/1/share/modulefiles/install/1",
            "generations/1/share/modulefiles/install/1.lua", "generations/1/share/previous_input/1/conf.yaml", "generations/1/squashfuse-noopen.so", "generations/1/tykky-join", "generations/1/tykky-launcher", "generations/1/tykky.json"], installedFiles);
    }

    [Fact]
    public void A_wrapper_that_is_a_symlink_to_the_launcher_runs_as_its_hard_link_does()
    {
        // Arrange: where the filesystem makes no hard links (BeeGFS across directories) the builder writes bin/NAME -> ../tykky-launcher
        var copy = _scratch["symlinked"];
        Assert.Equal(0, Run.Command(["cp", "-a", installation.Prefix, copy]).ExitCode);
        var wrapper = Path.Join(copy, "generations", "1", "bin", "probe");
        File.Delete(wrapper);
        File.CreateSymbolicLink(wrapper, "../tykky-launcher");

        // Act
        var result = Run.Command([Path.Join(copy, "bin", "probe"), "argv", "a b"]);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{copy}/bin/probe\0argv\0a b\0", Encoding.UTF8.GetString(result.Stdout));
    }

    [Fact]
    public void Wrappers_are_hard_links_of_the_launcher_and_real_bin_links_point_inside()
    {
        Assert.True(Host.IsHardLinkOf(installation.Wrapper("probe"), Path.Join(installation.Prefix, "tykky-launcher")));
        Assert.Equal("/LOCAL_TYKKY/bin/probe", new FileInfo(Path.Join(installation.Prefix, "_bin", "probe")).LinkTarget);
        Assert.False(File.Exists(installation.Wrapper("README.txt")), "a non-executable file got a wrapper");
        Assert.Equal(["_debug_exec", "_debug_shell", "greet", "probe"], Directory.EnumerateFileSystemEntries(Path.Join(installation.Prefix, "bin")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void The_manifest_names_each_wrappers_program_as_its_real_bin_link_does()
    {
        var realBin = Path.Join(installation.Prefix, "_bin");
        var programs = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Join(installation.Prefix, "tykky.json")))!["programs"]!.AsObject();

        Assert.Equal(
            Directory.EnumerateFileSystemEntries(realBin).Select(link => (Path.GetFileName(link), new FileInfo(link).LinkTarget)).Order(),
            programs.Select(p => (p.Key, (string?)p.Value!.GetValue<string>())).Order());
    }

    [Fact]
    public void The_build_is_recorded_in_share()
    {
        var conf = File.ReadAllText(Path.Join(installation.Prefix, "share", "conf.yaml"));
        var version = File.ReadAllText(Path.Join(installation.Prefix, "share", "VERSION.yml"));

        Assert.Contains($"wrap_src: {installation.Source}", conf);
        Assert.Contains("installation_path: /LOCAL_TYKKY", conf);
        Assert.Matches(@"version: \d+\.\d+\.\d+", version);
        Assert.Contains("runtime: bwrap", version);
    }

    [RootFact]
    public void An_unprivileged_user_builds_and_runs_an_installation()
    {
        // Arrange: a scratch directory the user owns
        var user = Host.UnprivilegedUser;
        var home = _scratch["user"];
        Directory.CreateDirectory(home);
        var source = ProbeInstallation.SourceTree(_scratch);
        _scratch.Write("post.sh", "echo built-by=$(id -un) > \"$CW_INSTALLATION_PATH/who.txt\"\n");
        Assert.Equal(0, Run.Command(["chown", "-R", $"{user}:{user}", home]).ExitCode);
        var builds = new Builds(_scratch);
        Directory.CreateDirectory(builds.BuildBase);
        Assert.Equal(0, Run.Command(["chown", $"{user}:{user}", builds.BuildBase]).ExitCode);

        // Act
        var build = builds.Run("wrap-install", ["-w", "bin", "--post-install", _scratch["post.sh"], "--prefix", $"{home}/inst", source], new RunOptions { User = user, WorkingDirectory = home });
        var run = Run.Command([$"{home}/inst/bin/_debug_exec", "cat", "/LOCAL_TYKKY/who.txt"], new RunOptions { User = user });

        // Assert
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal($"built-by={user}\n", run.Out);
        Assert.Empty(builds.Leftovers());
    }

    [Fact]
    public void Pre_and_post_install_scripts_run_inside_with_the_installation_path()
    {
        // Arrange
        var source = ProbeInstallation.SourceTree(_scratch);
        _scratch.Write("pre.sh", "echo \"pre saw $CW_INSTALLATION_PATH\" > \"$CW_INSTALLATION_PATH/pre.txt\"\n");
        _scratch.Write("post.sh", "test -f \"$CW_INSTALLATION_PATH/bin/probe\"\necho \"post ran in $PWD\" > \"$install_root/post.txt\"\n");

        // Act
        var build = new Builds(_scratch).Run("wrap-install", ["-w", "bin", "--pre-install", "pre.sh", "--post-install", "post.sh", "--prefix", _scratch["inst"], source]);
        var files = Run.Command([_scratch["inst/bin/_debug_exec"], "cat", "/LOCAL_TYKKY/pre.txt", "/LOCAL_TYKKY/post.txt"]);

        // Assert: the workdir of scripts is where the build was started
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal($"pre saw /LOCAL_TYKKY\npost ran in {_scratch.Path}\n", files.Out);
        Assert.Equal(new[] { "conf.yaml", "post.sh", "pre.sh" }, Directory.EnumerateFiles(_scratch["inst/share/previous_input/1"]).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Environ_file_settings_reach_every_program()
    {
        // Arrange
        var source = ProbeInstallation.SourceTree(_scratch);
        _scratch.Write("environ", "# site settings\nexport GREETING=\"hello world\"\nPATH=/opt/extra/bin:$PATH\nLITERAL='$HOME stays'\nunset DROPME\n");

        // Act
        var build = new Builds(_scratch).Run("wrap-install", ["-w", "bin", "--environ", "environ", "--prefix", _scratch["inst"], source]);
        var run = Run.Command([_scratch["inst/bin/probe"], "env", "GREETING", "PATH", "LITERAL", "DROPME"],
            new RunOptions { Environment = new Dictionary<string, string?> { ["PATH"] = "/usr/bin:/bin", ["DROPME"] = "x" } });

        // Assert
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("GREETING=hello world\nPATH=/opt/extra/bin:/usr/bin:/bin\nLITERAL=$HOME stays\nDROPME unset\n", run.Out);
    }

    [Fact]
    public void A_prefix_whose_path_holds_a_space_works()
    {
        // upstream failed here (an unquoted $DIR)
        var source = ProbeInstallation.SourceTree(_scratch);
        var prefix = _scratch["with space/inst"];

        var build = new Builds(_scratch).Run("wrap-install", ["-w", "bin", "--prefix", prefix, source]);
        var run = Run.Command([Path.Join(prefix, "bin", "greet"), "ok"]);
        var inside = Run.Command([Path.Join(prefix, "bin", "_debug_exec"), Path.Join(prefix, "bin", "greet"), "inside"]);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("greet from /LOCAL_TYKKY/bin/greet: ok\n", run.Out);
        Assert.Equal($"greet from {prefix}/bin/greet: inside\n", inside.Out);
    }

    [Fact]
    public void Yaml_settings_apply_wrap_all_and_the_installation_path()
    {
        var source = ProbeInstallation.SourceTree(_scratch);
        _scratch.Write("conf.yaml", "wrap_all: yes\ninstallation_path: /OPT_Y\n");

        var build = new Builds(_scratch).Run("wrap-install", ["-w", "bin", "-y", "conf.yaml", "--prefix", _scratch["inst"], source]);
        var run = Run.Command([_scratch["inst/bin/greet"], "x"]);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(File.Exists(_scratch["inst/bin/README.txt"]), "wrap_all wraps non-executables too");
        Assert.Equal("greet from /OPT_Y/bin/greet: x\n", run.Out);
    }

    [Fact]
    public void Mask_hides_the_original_on_disk_behind_the_read_only_image()
    {
        // Arrange: the installation lives at a path of its own, the prefix elsewhere
        var source = ProbeInstallation.SourceTree(_scratch);
        var masked = $"/srv/tykky-mask-{Guid.NewGuid():N}";
        Assert.Equal(0, Run.Command(["cp", "-a", source, masked]).ExitCode);
        try
        {
            // Act
            var build = new Builds(_scratch).Run("wrap-install", ["--mask", "-w", "bin", "--prefix", _scratch["inst"], masked]);
            File.WriteAllText(Path.Join(masked, "bin", "added-after-build"), "on disk only");
            var listing = Run.Command([_scratch["inst/bin/_debug_exec"], "ls", Path.Join(masked, "bin")]);
            var write = Run.Command([_scratch["inst/bin/probe"], "write", Path.Join(masked, "new-file")]);
            var script = Run.Command([_scratch["inst/bin/greet"]]);

            // Assert: inside, the path is the image; writes fail
            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.DoesNotContain("added-after-build", listing.Out);
            Assert.Contains("probe", listing.Out);
            Assert.Equal("Read-only file system\n", write.Out);
            Assert.Equal($"greet from {masked}/bin/greet: \n", script.Out);
        }
        finally
        {
            Directory.Delete(masked, recursive: true);
        }
    }

    [Fact]
    public void A_failed_build_leaves_nothing_and_CW_DEBUG_KEEP_FILES_keeps_the_build_directory()
    {
        // Arrange
        var source = ProbeInstallation.SourceTree(_scratch);
        _scratch.Write("post.sh", "echo about to fail\nexit 3\n");
        var builds = new Builds(_scratch);

        // Act
        var result = builds.Run("wrap-install", ["-w", "bin", "--post-install", "post.sh", "--prefix", _scratch["inst"], source],
            new RunOptions { Environment = new Dictionary<string, string?> { ["CW_DEBUG_KEEP_FILES"] = "1" } });

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[ ERROR ] The post-install script failed", result.Stderr);
        Assert.Contains("about to fail", result.Stderr);
        Assert.False(Directory.Exists(_scratch["inst"]), "the prefix was created by the build and must be gone");
        var kept = Assert.Single(builds.Leftovers());
        Assert.Contains($"Build files kept in {kept}", result.Stderr);
        var log = Assert.Single(builds.KeptLogs());
        Assert.Contains($"; full build log: {log}", result.Stderr);
        Assert.Contains("about to fail", File.ReadAllText(log));
    }

    [Fact]
    public void Ctrl_C_during_a_build_cleans_up()
    {
        // Arrange: a post-install that waits
        var source = ProbeInstallation.SourceTree(_scratch);
        var marker = $"{Guid.NewGuid():N}";
        _scratch.Write("post.sh", $"sh -c 'sleep 300' {marker}\n");
        var builds = new Builds(_scratch);
        Directory.CreateDirectory(_scratch["inst"]);
        var options = new RunOptions { WorkingDirectory = _scratch.Path, Environment = new Dictionary<string, string?> { ["CW_BUILD_TMPDIR"] = builds.BuildBase } };
        using var build = Run.Start([ToolTree.Bin("wrap-install"), "-w", "bin", "--post-install", "post.sh", "--prefix", _scratch["inst"], source], options);
        Assert.True(Host.Eventually(() => Host.ProcessRunning(marker), TimeSpan.FromSeconds(60)), "the post-install script did not start");

        // Act
        Run.Command(["kill", "-INT", build.Id.ToString()]);
        var result = Run.Finish(build, options);

        // Assert: an existing (empty) prefix stays, empty
        Assert.Equal(130, result.ExitCode);
        Assert.Contains("[ ERROR ] Interrupted", result.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_scratch["inst"]));
        Assert.Empty(builds.Leftovers());
        Assert.True(Host.Eventually(() => !Host.ProcessRunning(marker), TimeSpan.FromSeconds(10)), "the script outlived the build");
    }
}
