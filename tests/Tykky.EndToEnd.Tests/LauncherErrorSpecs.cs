using System.Text.Json.Nodes;
using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>Every fatal path of the launcher, triggered through the binary: one line "tykky: ...", the right exit code.</summary>
[Collection(ProbeInstallationCollection.Name)]
public sealed class LauncherErrorSpecs(ProbeInstallation installation) : IDisposable
{
    private readonly TempDir _scratch = new("launcher-errors");

    public void Dispose() => _scratch.Dispose();

    /// <summary>A private copy of the installation to damage.</summary>
    private string CopyOfInstallation()
    {
        var copy = _scratch["install"];
        Assert.Equal(0, Run.Command(["cp", "-a", installation.Prefix, copy]).ExitCode);
        return copy;
    }

    private static void AssertFails(RunResult result, int exitCode, string message)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("tykky: ", lines[0]);
        Assert.Contains(message, lines[0]);
    }

    /// <summary>The generation the installation's links lead to: the launcher reads its own generation's files.</summary>
    private static string Generation(string prefix) => Path.Join(prefix, "generations", "1");

    private static void EditManifest(string prefix, Action<JsonObject> edit)
    {
        var path = Path.Join(prefix, "tykky.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
    }

    [Fact]
    public void Launcher_fails_when_the_manifest_is_missing()
    {
        var prefix = CopyOfInstallation();
        File.Delete(Path.Join(Generation(prefix), "tykky.json"));
        File.WriteAllText(Path.Join(Generation(prefix), "tykky.json.bak"), "");

        AssertFails(Run.Command([Path.Join(prefix, "bin", "probe")]), 78,
            $"cannot read manifest '{Generation(prefix)}/tykky.json': No such file or directory; is this a complete Tykky installation?");
    }

    [Fact]
    public void Launcher_fails_when_the_manifest_is_unreadable()
    {
        var prefix = CopyOfInstallation();
        File.SetUnixFileMode(Path.Join(prefix, "tykky.json"), 0);

        var result = Run.Command([Path.Join(prefix, "bin", "probe")], new RunOptions { User = Host.UnprivilegedUser });

        AssertFails(result, 78, $"cannot read manifest '{Generation(prefix)}/tykky.json'");
    }

    [Fact]
    public void Launcher_fails_when_the_manifest_is_truncated()
    {
        var prefix = CopyOfInstallation();
        var manifest = Path.Join(Generation(prefix), "tykky.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest)[..40]);

        AssertFails(Run.Command([Path.Join(prefix, "bin", "probe")]), 78, $"manifest is damaged '{manifest}'");
    }

    [Fact]
    public void Launcher_fails_when_the_manifest_is_newer_than_it()
    {
        var prefix = CopyOfInstallation();
        EditManifest(prefix, m => m["schemaVersion"] = 99);

        AssertFails(Run.Command([Path.Join(prefix, "bin", "probe")]), 78, "manifest is newer than this launcher");
    }

    [Fact]
    public void Launcher_fails_when_the_manifest_names_no_program_for_a_wrapper()
    {
        var prefix = CopyOfInstallation();
        EditManifest(prefix, m => m["programs"]!.AsObject().Remove("probe"));

        AssertFails(Run.Command([Path.Join(prefix, "bin", "probe")]), 78, $"the manifest names no program for the wrapper '{Generation(prefix)}/bin/probe'");
    }

    [Fact]
    public void Launcher_fails_when_the_runtime_is_gone()
    {
        var prefix = CopyOfInstallation();
        EditManifest(prefix, m => m["runtime"]!["executable"] = "/nonexistent/bwrap");

        AssertFails(Run.Command([Path.Join(prefix, "bin", "probe")]), 127, "cannot execute '/nonexistent/bwrap': No such file or directory");
    }

    [Theory]
    [InlineData("missing", "No such file or directory: the installation's image is missing or unreadable; restore the file or rebuild the installation")]
    [InlineData("not a squashfs image", "not a squashfs image: it starts with 6e6f7420, not 'hsqs' (68737173); the file is damaged or was replaced: rebuild the installation")]
    [InlineData("hs", "not a squashfs image: it holds only 2 bytes; the file is truncated: rebuild the installation")]
    public void Launcher_fails_naming_what_is_wrong_with_a_missing_or_damaged_image(string content, string why)
    {
        // Arrange
        var prefix = CopyOfInstallation();
        var image = Path.Join(Generation(prefix), "img.sqfs");
        File.Delete(image);
        if (content != "missing")
        {
            File.WriteAllText(image, content);
        }

        // Act
        var result = Run.Command([Path.Join(prefix, "bin", "probe")]);

        // Assert: before squashfuse runs, so its own complaint does not come first
        AssertFails(result, 78, $"tykky: cannot mount image '{image}': {why}");
    }

    [Fact]
    public void Launcher_fails_when_squashfuse_cannot_mount_a_good_image()
    {
        var prefix = CopyOfInstallation();
        EditManifest(prefix, manifest => manifest["runtime"]!["squashfuse"] = "/bin/false");

        AssertFails(Run.Command([Path.Join(prefix, "bin", "probe")]), 69,
            $"tykky: cannot mount image '{Generation(prefix)}/img.sqfs': /bin/false exited with 1 mounting it at /LOCAL_TYKKY; check that /dev/fuse is usable ('tykky doctor')");
    }

    [Theory]
    [InlineData("memfd_create:error=EMFILE", "cannot create a memory file for the arguments 'tykky-bwrap-options': Too many open files")]
    [InlineData("write:error=ENOSPC:when=1", "cannot write the arguments to a memory file 'tykky-bwrap-options': No space left on device")]
    public void Launcher_fails_in_one_line_when_the_memory_file_for_bubblewraps_arguments_fails(string fault, string message)
    {
        // Arrange: strace injects the failure into the launcher's own system call
        var wrapper = installation.Wrapper("probe");

        // Act
        var result = Run.Command(["strace", "-o", "/dev/null", "-e", $"inject={fault}", wrapper, "argv"]);

        // Assert
        AssertFails(result, 69, $"tykky: {message}");
    }

    [Theory]
    [InlineData("9", "tykky: cannot read the inner step's request 'fd 9': Bad file descriptor", 69)]
    [InlineData("2", "tykky: bad inner-step arguments '--tykky-inner': --request-fd takes a descriptor number above 2", 64)]
    public void Launcher_fails_when_the_inner_steps_request_cannot_be_read(string descriptor, string message, int exitCode)
    {
        AssertFails(Run.Command([Path.Join(installation.Prefix, "tykky-launcher"), "--tykky-inner", "--request-fd", descriptor]), exitCode, message);
    }

    [Fact]
    public void Launcher_reports_an_argument_list_too_long_for_the_kernel_in_one_line()
    {
        // Arrange: the inner step reads its request from a file descriptor, as bubblewrap passes it, so
        // the exec of the program is the first to meet the kernel's limit (3 MB of arguments)
        var request = _scratch.Write("request", string.Concat(new[] { "--exec-path", "/bin/true", "true" }.Concat(Enumerable.Repeat(new string('x', 1000), 3000)).Select(a => a + "\0")));

        // Act
        var result = Run.Bash("exec \"$1\" --tykky-inner --request-fd 3 3<\"$2\"", null, Path.Join(installation.Prefix, "tykky-launcher"), request);

        // Assert
        AssertFails(result, 126, "tykky: cannot execute '/bin/true': Argument list too long: the arguments and the environment exceed the kernel's limit for one program");
    }

    [Fact]
    public void Launcher_fails_when_called_directly()
    {
        AssertFails(Run.Command([Path.Join(Generation(installation.Prefix), "tykky-launcher")]), 64, "this is the Tykky launcher");
    }

    [Fact]
    public void Launcher_fails_when_the_inner_step_arguments_are_bad()
    {
        AssertFails(Run.Command([Path.Join(installation.Prefix, "tykky-launcher"), "--tykky-inner", "--bogus"]), 64, "bad inner-step arguments");
    }

    [Fact]
    public void Launcher_fails_when_argv0_is_a_bare_name_not_on_PATH()
    {
        var result = Run.Bash("exec -a no-such-wrapper \"$1\"", new RunOptions(), installation.Wrapper("probe"));

        AssertFails(result, 127, "cannot find the wrapper that was called 'no-such-wrapper'");
    }

    [Fact]
    public void Launcher_fails_on_a_symlink_loop()
    {
        var a = _scratch["loop-a"];
        var b = _scratch["loop-b"];
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);

        var result = Run.Bash("exec -a \"$2\" \"$1\"", new RunOptions(), installation.Wrapper("probe"), a);

        AssertFails(result, 78, "too many levels of symbolic links");
    }

    [Fact]
    public void Debug_exec_fails_without_a_command()
    {
        AssertFails(Run.Command([installation.Wrapper("_debug_exec")]), 64, "nothing to run");
    }

    [Fact]
    public void Debug_exec_fails_when_the_command_is_not_found_inside()
    {
        AssertFails(Run.Command([installation.Wrapper("_debug_exec"), "no-such-command-xyz"]), 127, "command not found 'no-such-command-xyz'");
    }

    [RootFact]
    public void As_root_a_wrapper_called_inside_another_sandbox_says_how_to_compose_instead()
    {
        // Arrange: a second installation at its own path (the first's sandbox does not have it mounted)
        var other = CopyOfInstallation();
        EditManifest(other, m =>
        {
            m["installationId"] = "another-installation";
            m["installationPath"] = "/OTHER_TYKKY";
        });

        // Act: root inside the first sandbox has no capabilities left
        var result = Run.Command([installation.Wrapper("_debug_exec"), Path.Join(other, "bin", "probe")]);

        // Assert
        AssertFails(result, 69, "bubblewrap cannot start as root without capabilities (inside another sandbox)");
    }

    [Fact]
    public void A_wrapper_fails_inside_another_installation_mounted_at_the_same_path()
    {
        // Arrange: a second installation of the same (non-composable) installation path
        var other = CopyOfInstallation();
        EditManifest(other, m => m["installationId"] = "another-installation");

        // Act: run the second one's wrapper inside the first one's container
        var result = Run.Command([installation.Wrapper("_debug_exec"), Path.Join(other, "bin", "probe")]);

        // Assert
        AssertFails(result, 78, "another installation is mounted at this installation's path '/LOCAL_TYKKY'");
        Assert.Contains("composable: true", result.Stderr);
    }
}
