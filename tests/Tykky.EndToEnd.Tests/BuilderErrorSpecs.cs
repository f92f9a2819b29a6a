using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>Bad input to the builder: one "[ ERROR ]" line naming the thing and the fix, a non-zero exit, nothing left behind.</summary>
public sealed class BuilderErrorSpecs : IDisposable
{
    private readonly TempDir _scratch = new("builder-errors");
    private readonly Builds _builds;
    private readonly string _source;

    public BuilderErrorSpecs()
    {
        _builds = new Builds(_scratch);
        _source = _scratch.Write("src/bin/tool", "#!/bin/sh\necho tool\n", executable: true);
        _source = _scratch["src"];
    }

    public void Dispose() => _scratch.Dispose();

    private void AssertRejected(RunResult result, string message, int exitCode = 1) => _builds.AssertRejected(result, message, _scratch["inst"], exitCode);

    [Fact]
    public void Wrap_install_rejects_a_missing_directory()
    {
        AssertRejected(_builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["inst"], _scratch["no-such-dir"]]),
            $"Directory to wrap '{_scratch["no-such-dir"]}' does not exist");
    }

    [Fact]
    public void Wrap_install_requires_wrapper_paths()
    {
        AssertRejected(_builds.Run("wrap-install", ["--prefix", _scratch["inst"], _source]), "wrap-install requires -w/--wrapper-paths, e.g. -w bin");
    }

    [Fact]
    public void A_relative_build_directory_is_rejected()
    {
        var result = _builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["inst"], _source],
            new RunOptions { Environment = new Dictionary<string, string?> { ["CW_BUILD_TMPDIR"] = "relative/build" } });

        AssertRejected(result, "the build directory base (CW_BUILD_TMPDIR or build_tmpdir_base) 'relative/build' is not an absolute path");
    }

    [Fact]
    public void A_non_empty_prefix_is_rejected()
    {
        _scratch.Write("full/precious.txt", "keep me");

        AssertRejected(_builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["full"], _source]), $"Installation prefix '{_scratch["full"]}' is not empty");
        Assert.Equal(["precious.txt"], Directory.EnumerateFileSystemEntries(_scratch["full"]).Select(Path.GetFileName));
    }

    [Fact]
    public void A_prefix_holding_an_installation_is_rejected_without_pointing_wrap_install_to_an_update_it_lacks()
    {
        Assert.Equal(0, _builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["first"], _source]).ExitCode);

        var result = _builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["first"], _source]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already holds a Tykky installation (wrap-install cannot update one: remove it first); choose a new or empty directory with --prefix", result.Stderr);
        Assert.DoesNotContain("update command", result.Stderr);
    }

    [Fact]
    public void An_empty_prefix_is_one_error_line()
    {
        AssertRejected(_builds.Run("wrap-install", ["-w", "bin", "--prefix", "", _source]), "--prefix is an empty path; give a path");
    }

    [Theory]
    [InlineData(5000, 100, "bytes long; Linux paths are at most 4095 bytes (PATH_MAX)")]
    [InlineData(300, 300, "has a component of 300 bytes; Linux file names are at most 255 bytes (NAME_MAX)")]
    public void A_prefix_longer_than_Linux_allows_is_one_error_line(int length, int component, string message)
    {
        var name = string.Join('/', Enumerable.Range(0, length / (component + 1) + 1).Select(_ => new string('p', component)))[..length];

        var result = _builds.Run("wrap-install", ["-w", "bin", "--prefix", Path.Join(_scratch.Path, name), _source]);

        AssertRejected(result, message);
        Assert.DoesNotContain("Unhandled exception", result.Stderr);
    }

    [Fact]
    public void A_file_given_as_the_directory_to_wrap_is_called_a_file()
    {
        var file = _scratch.Write("plain.txt", "not a directory");

        AssertRejected(_builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["inst"], file]), $"Directory to wrap '{file}' is a file, not a directory");
    }

    [Fact]
    public void A_directory_given_as_the_environ_file_is_called_a_directory()
    {
        AssertRejected(_builds.Run("wrap-install", ["-w", "bin", "--environ", _source, "--prefix", _scratch["inst"], _source]),
            $"--environ file '{_source}' is a directory, not a file");
    }

    [Fact]
    public void An_installation_with_no_programs_to_wrap_is_an_error_before_the_image_is_made()
    {
        Directory.CreateDirectory(_scratch["empty/bin"]);

        var result = _builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["inst"], _scratch["empty"]]);

        AssertRejected(result, "No programs to wrap in /LOCAL_TYKKY/bin (the installation); give -w/--wrapper-paths that hold programs");
        Assert.DoesNotContain("Creating the squashfs image", result.Out + result.Stderr);
    }

    [Theory]
    [InlineData("/usr/share", "The image mounted at '/usr/share' (installation_path) hides /usr (a system directory), which every launch needs; --mask mounts the image over '/usr/share' and leaves '/usr' unbound: wrap it without --mask")]
    [InlineData("/etc", "The image mounted at '/etc' (installation_path) hides /etc (a system directory)")]
    public void A_mask_that_hides_what_launches_need_is_refused(string directory, string message)
    {
        AssertRejected(_builds.Run("wrap-install", ["--mask", "-w", "bin", "--prefix", _scratch["inst"], directory]), message);
    }

    [Fact]
    public void Excluding_the_directory_of_squashfuse_is_refused()
    {
        _scratch.Write("exclude.yaml", "excluded_mount_points: [/usr]\n");

        AssertRejected(_builds.Run("wrap-install", ["-w", "bin", "-y", "exclude.yaml", "--prefix", _scratch["inst"], _source]),
            "Leaving '/usr' unbound (excluded_mount_points) hides /usr (a system directory), which every launch needs");
    }

    [Fact]
    public void A_prefix_with_a_colon_is_rejected()
    {
        AssertRejected(_builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["a:b"], _source]), "contains ',' ':' or a newline");
    }

    [RootFact]
    public void An_unwritable_prefix_is_rejected()
    {
        var result = _builds.Run("wrap-install", ["-w", "bin", "--prefix", "/root/tykky-not-yours", _source], new RunOptions { User = Host.UnprivilegedUser });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[ ERROR ] Installation prefix '/root/tykky-not-yours' is not writable", result.Stderr);
        Assert.False(Directory.Exists("/root/tykky-not-yours"));
    }

    [Fact]
    public void A_missing_script_file_is_rejected()
    {
        AssertRejected(_builds.Run("wrap-install", ["-w", "bin", "--post-install", "nope.sh", "--prefix", _scratch["inst"], _source]),
            "--post-install file 'nope.sh' does not exist");
    }

    [Fact]
    public void Invalid_yaml_is_rejected_with_its_line()
    {
        _scratch.Write("bad.yaml", "isolate: no\nmount_points: [unclosed\n");

        AssertRejected(_builds.Run("wrap-install", ["-w", "bin", "-y", "bad.yaml", "--prefix", _scratch["inst"], _source]), "is not valid YAML (line");
    }

    [Fact]
    public void An_unknown_runtime_is_rejected()
    {
        _scratch.Write("rt.yaml", "runtime: docker\n");

        AssertRejected(_builds.Run("wrap-install", ["-w", "bin", "-y", "rt.yaml", "--prefix", _scratch["inst"], _source]),
            "Configuration key 'runtime' is 'docker'; use auto, apptainer, singularity or bwrap");
    }

    [Fact]
    public void A_bad_environ_line_is_rejected_with_file_and_line_before_anything_is_built()
    {
        _scratch.Write("environ", "A=1\nif true; then B=2; fi\n");

        var result = _builds.Run("wrap-install", ["-w", "bin", "--environ", "environ", "--prefix", _scratch["inst"], _source]);

        AssertRejected(result, $"Environ file line {_scratch["environ"]}:2");
        Assert.DoesNotContain("Creating the squashfs image", result.Out + result.Stderr);
        Assert.DoesNotContain("Copying", result.Out + result.Stderr);
    }

    [Fact]
    public void A_Tykky_installation_on_PATH_blocks_a_new_installation()
    {
        Assert.Equal(0, _builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["active"], _source]).ExitCode);

        var result = _builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["inst"], _source],
            new RunOptions { Environment = new Dictionary<string, string?> { ["PATH"] = $"{_scratch["active"]}/bin:/usr/sbin:/usr/bin:/sbin:/bin" } });

        AssertRejected(result, $"Tykky installation(s) on PATH: {_scratch["active"]}/bin");
    }

    [Fact]
    public void A_failing_post_install_script_names_the_script_and_shows_its_output()
    {
        _scratch.Write("post.sh", "echo 'No matching distribution found for nothing'\nexit 3\n");

        AssertRejected(_builds.Run("wrap-install", ["-w", "bin", "--post-install", "post.sh", "--prefix", _scratch["inst"], _source]),
            "The post-install script failed");
    }

    [Fact]
    public void A_post_install_script_stopped_by_a_missing_command_says_which_line_failed()
    {
        _scratch.Write("post.sh", "echo starting\nnosuchcommand-tykky --flag\necho not reached\n");

        var result = _builds.Run("wrap-install", ["-w", "bin", "--post-install", "post.sh", "--prefix", _scratch["inst"], _source]);

        AssertRejected(result, "The post-install script failed: /");
        Assert.Matches(@"failed: \S+/post_install\.sh: line 3: nosuchcommand-tykky: command not found \(", result.Stderr);
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        AssertRejected(_builds.Run("wrap-install", ["--no-such-option", _source]), "Unknown option '--no-such-option' (see 'wrap-install --help')", exitCode: 2);
    }

    [Theory]
    [InlineData("tykky")]
    [InlineData("wrap-install")]
    public void No_arguments_print_help_and_succeed(string program)
    {
        var result = _builds.Run(program, []);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out);
    }
}
