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
    public void A_prefix_holding_an_installation_is_rejected_with_a_hint_to_update()
    {
        Assert.Equal(0, _builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["first"], _source]).ExitCode);

        var result = _builds.Run("wrap-install", ["-w", "bin", "--prefix", _scratch["first"], _source]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already holds a Tykky installation; use the update command", result.Stderr);
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
    public void A_bad_environ_line_is_rejected_with_file_and_line()
    {
        _scratch.Write("environ", "A=1\nif true; then B=2; fi\n");

        AssertRejected(_builds.Run("wrap-install", ["-w", "bin", "--environ", "environ", "--prefix", _scratch["inst"], _source]),
            $"Environ file line {_scratch["environ"]}:2");
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
