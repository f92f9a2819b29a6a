using System.Text.Json.Nodes;
using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>tykky info, list and doctor on real installations and this host, as text and as --json.</summary>
public sealed class InspectionSpecs(InspectedInstallations installations) : IClassFixture<InspectedInstallations>, IDisposable
{
    private readonly TempDir _scratch = new("inspection");

    public void Dispose() => _scratch.Dispose();

    private static RunResult Tykky(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? user = null) =>
        Run.Command([ToolTree.Bin("tykky"), .. arguments], new RunOptions { User = user, Environment = environment ?? new Dictionary<string, string?>() });

    private static JsonNode Json(RunResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.Out)!;
    }

    private Dictionary<string, string?> OnShelf => new() { ["TYKKY_PATH"] = installations.Shelf };

    [Fact]
    public void Info_shows_the_runtime_the_image_and_what_is_inside_the_wrappers_the_config_and_the_inputs()
    {
        // Act
        var result = Tykky(["info", installations.Tool]);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n');
        Assert.StartsWith($"Installation:  {installations.Tool} (made by Tykky 0.", lines[0], StringComparison.Ordinal);
        Assert.Contains("Runtime:       bwrap: /usr/bin/bwrap (bubblewrap ", result.Out);
        Assert.Contains("Mode:          host: the host's directories are visible inside", lines);
        Assert.Contains("Container:     none", lines);
        // the image: size and entries (root, .tykky/, bin/ with 2 scripts, share/data/ with the data files, ...)
        var image = Assert.Single(lines, l => l.StartsWith("Image:", StringComparison.Ordinal));
        Assert.Matches($@"^Image:         {installations.Tool}/generations/1/img\.sqfs \(squashfs, [0-9.]+ KiB, (\d+) entries inside, zstd-compressed\), mounted at /LOCAL_TYKKY$", image);
        Assert.True(int.Parse(System.Text.RegularExpressions.Regex.Match(image, @"(\d+) entries").Groups[1].Value) > InspectedInstallations.DataFiles);
        Assert.Contains("Wrappers:      2", lines);
        Assert.Contains("  alpha -> /LOCAL_TYKKY/bin/alpha", lines);
        Assert.Contains($"  wrap_src: {installations.Directory["src"]}", lines);
        Assert.Contains("Build inputs:  share/previous_input", lines);
        Assert.Contains("  1: conf.yaml, settings.yaml", lines);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void Info_as_json_describes_a_wrap_container_installation()
    {
        // Act
        var info = Json(Tykky(["info", "--json", installations.Busybox]));

        // Assert: the container, its root filesystem's offset and entries (unsquashfs -s: 69 inodes), no image
        Assert.Equal("tykky", (string?)info["maker"]);
        Assert.Equal("bwrap", (string?)info["runtime"]!["kind"]);
        Assert.True((bool?)info["isolate"]);
        var container = info["container"]!;
        Assert.Equal($"{installations.Busybox}/generations/1/container.sif", (string?)container["path"]);
        Assert.Equal("sif", (string?)container["kind"]);
        Assert.Equal(36864, (long?)container["offset"]);
        Assert.Equal(new FileInfo(Containers.BusyboxSif).Length, (long?)container["bytes"]);
        Assert.Equal(69, (long?)container["entries"]);
        Assert.Null(info["image"]);
        var wrappers = info["wrappers"]!.AsArray();
        Assert.Equal(25, wrappers.Count);
        Assert.Contains(wrappers, w => (string?)w!["name"] == "hello" && (string?)w["target"] == "/opt/tools/bin/hello");
        Assert.Contains("mode: wrapcont", (string?)info["effectiveConfig"]);
        Assert.Equal("""[{"build":1,"files":["conf.yaml"]}]""", info["buildInputs"]!.ToJsonString());
        Assert.Empty(info["problems"]!.AsArray());
    }

    [Fact]
    public void Info_recognises_an_installation_made_by_upstream_bash_Tykky()
    {
        // Act
        var info = Json(Tykky(["info", "--json", installations.Legacy]));
        var text = Tykky(["info", installations.Legacy]);

        // Assert
        Assert.Equal("upstream", (string?)info["maker"]);
        Assert.Equal("singularity", (string?)info["runtime"]!["kind"]);
        Assert.Equal("/CSC_CONTAINER", (string?)info["installationPath"]);
        Assert.Equal("sif", (string?)info["container"]!["kind"]);
        Assert.Equal(3, (long?)info["image"]!["entries"]); // root, bin, bin/python
        Assert.Equal("""[{"name":"python","target":"/CSC_CONTAINER/bin/python"}]""", info["wrappers"]!.ToJsonString());
        Assert.Contains("made by upstream bash Tykky (common.sh)", text.Out);
        Assert.Contains("Runtime:       singularity (found on PATH at each launch)", text.Out);
    }

    [Fact]
    public void Info_takes_a_name_on_TYKKY_PATH()
    {
        var byName = Tykky(["info", "busybox"], OnShelf);
        var byPath = Tykky(["info", installations.Busybox]);

        Assert.True(byName.ExitCode == 0, byName.ToString());
        Assert.Equal(byPath.Out, byName.Out);
    }

    [Fact]
    public void Info_reports_a_missing_image_as_a_problem()
    {
        // Arrange: a copy of an installation without its image
        var copy = _scratch["copy"];
        Assert.Equal(0, Run.Command(["cp", "-a", installations.Tool, copy]).ExitCode);
        File.Delete(Path.Join(copy, "generations", "1", "img.sqfs")); // the current generation's: <prefix>/img.sqfs is a link to it

        // Act
        var result = Tykky(["info", copy]);

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Image:         {copy}/generations/1/img.sqfs (missing), mounted at /LOCAL_TYKKY", result.Out);
        Assert.Contains($"Problem: {copy}/generations/1/img.sqfs is missing; the installation cannot run until it is restored or rebuilt", result.Out);
    }

    [Theory]
    [InlineData("missing", "Installation '{0}' does not exist; give the --prefix directory of an installation, or a name on TYKKY_PATH")]
    [InlineData("plain", "'{0}' is not a Tykky installation (no bin/ with tykky.json, nor bin/ with common.sh); give the --prefix directory of an installation")]
    [InlineData("unknown-name", "No installation named 'unknown-name' in the current directory or on TYKKY_PATH")]
    public void Info_of_something_else_is_one_error_line(string what, string message)
    {
        // Arrange
        Directory.CreateDirectory(_scratch["plain"]);
        var target = what == "unknown-name" ? what : _scratch[what];

        // Act
        var result = Tykky(["info", target], OnShelf);

        // Assert
        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"[ ERROR ] {string.Format(System.Globalization.CultureInfo.InvariantCulture, message, target)}", error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Info_without_a_directory_is_a_usage_error()
    {
        var result = Tykky(["info"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("[ ERROR ] ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("see 'tykky info --help'", result.Stderr);
    }

    [Fact]
    public void List_shows_the_installations_on_TYKKY_PATH_with_their_runtimes()
    {
        // Act
        var result = Tykky(["list"], new Dictionary<string, string?> { ["TYKKY_PATH"] = $"{installations.Shelf}:{_scratch["nowhere"]}" });

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [
                "NAME     RUNTIME      MADE BY   PREFIX",
                $"busybox  bwrap        tykky     {installations.Busybox}",
                $"legacy   singularity  upstream  {installations.Legacy}",
                $"tool     bwrap        tykky     {installations.Tool}",
                $"Note: TYKKY_PATH directory {_scratch["nowhere"]} does not exist",
            ],
            result.Out.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void List_as_json_is_for_scripts()
    {
        var list = Json(Tykky(["list", "--json"], OnShelf));

        Assert.Equal($"""["{installations.Shelf}"]""", list["searchPath"]!.ToJsonString());
        var found = list["installations"]!.AsArray();
        Assert.Equal(["busybox", "legacy", "tool"], found.Select(i => (string?)i!["name"]));
        Assert.Equal(["sif", "sif", null], found.Select(i => (string?)i!["container"]));
        Assert.All(found, i => Assert.Null(i!["problem"]));
    }

    [Fact]
    public void List_looks_in_HOME_dot_tykky_by_default_and_says_when_there_is_nothing()
    {
        var empty = Tykky(["list"], new Dictionary<string, string?> { ["TYKKY_PATH"] = null, ["HOME"] = _scratch.Path });
        Directory.CreateDirectory(_scratch[".tykky"]);
        Directory.CreateSymbolicLink(_scratch[".tykky/mine"], installations.Tool);
        var one = Tykky(["list"], new Dictionary<string, string?> { ["TYKKY_PATH"] = null, ["HOME"] = _scratch.Path });

        Assert.Equal($"No installations on TYKKY_PATH ({_scratch[".tykky"]})\nNote: TYKKY_PATH directory {_scratch[".tykky"]} does not exist\n", empty.Out);
        Assert.Contains($"mine  bwrap    tykky     {_scratch[".tykky/mine"]}", one.Out);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Doctor_passes_on_this_host_for_root_and_for_a_user(bool asUser)
    {
        // Arrange: the unprivileged test user exists when the tests run as root
        var user = asUser && Host.IsRoot ? Host.UnprivilegedUser : null;

        // Act
        var result = Tykky(["doctor"], user: user);

        // Assert: one line per check, each with its status; the verdict last
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(13, lines.Length);
        Assert.All(lines[..^1], line => Assert.Matches(@"^(OK|SKIP|WARN) {1,3}[^:]+: ", line));
        Assert.Contains($"OK    user namespaces: bwrap --unshare-user works for {user ?? Environment.UserName}", lines);
        Assert.Contains(lines, l => l.StartsWith("OK    /dev/fuse: usable by ", StringComparison.Ordinal));
        Assert.Equal("Ready: builds here use the bwrap runtime", lines[^1]);
    }

    [Fact]
    public void Doctor_as_json_lists_every_check()
    {
        var report = Json(Tykky(["doctor", "--json"]));

        Assert.Equal("bwrap", (string?)report["runtime"]);
        Assert.True((bool?)report["healthy"]);
        Assert.Equal(["site config", "apptainer", "bwrap", "user namespaces", "/dev/fuse", "squashfuse", "mksquashfs", "unsquashfs", "loop devices", "installations", "leftovers", "shared mount"],
            report["checks"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.All(report["checks"]!.AsArray(), c => Assert.Contains((string?)c!["status"], new[] { "ok", "skipped", "warning" }));
    }

    [Fact]
    public void Doctor_fails_with_a_fix_when_a_needed_tool_is_missing()
    {
        // Arrange: a PATH with bubblewrap but no squashfs tools
        var bin = Directory.CreateDirectory(_scratch["bin"]).FullName;
        File.CreateSymbolicLink(Path.Join(bin, "bwrap"), "/usr/bin/bwrap");
        File.CreateSymbolicLink(Path.Join(bin, "true"), "/usr/bin/true");

        // Act
        var result = Tykky(["doctor"], new Dictionary<string, string?> { ["PATH"] = bin });

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  squashfuse: not found on PATH; it mounts images for the bwrap runtime; fix: install squashfuse (Debian/Ubuntu: apt install squashfuse)\n", result.Out);
        Assert.Contains("FAIL  mksquashfs: not found on PATH; it makes every image; fix: install squashfs-tools (Debian/Ubuntu: apt install squashfs-tools)\n", result.Out);
        Assert.EndsWith("Not ready: 3 needed checks failed (runtime: bwrap)\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_checks_the_configured_apptainer_and_refuses_a_fake_one()
    {
        // Arrange: site configs naming the recording TEST DOUBLE (it answers --version and help) and a fake
        var runtime = new RecordingRuntime(_scratch);
        var fake = _scratch.Write("fake/apptainer", "#!/bin/sh\necho 'not really'\n", executable: true);
        string SiteConfig(string name, string executable) =>
            _scratch.Write($"{name}.yaml", $"defaults:\n    runtime: apptainer\n    singularity_executable_path: {executable}\n");

        // Act
        var real = Tykky(["doctor"], new Dictionary<string, string?> { ["CW_GLOBAL_YAML"] = SiteConfig("double", runtime.Executable) });
        var faked = Tykky(["doctor"], new Dictionary<string, string?> { ["CW_GLOBAL_YAML"] = SiteConfig("fake", fake) });

        // Assert
        Assert.Contains($"OK    apptainer: {runtime.Executable} (apptainer version 1.1.9)\n", real.Out);
        Assert.Contains("OK    loop devices: /dev/loop-control exists\n", real.Out);
        Assert.EndsWith("Ready: builds here use the apptainer runtime\n", real.Out, StringComparison.Ordinal);
        Assert.Equal(1, faked.ExitCode);
        Assert.Contains($"FAIL  apptainer: '{fake}' is not apptainer or singularity: '--version' printed 'not really'; set singularity_executable_path to the real runtime; fix: ", faked.Out);
    }

    [Theory]
    [InlineData("bash")]
    [InlineData("dash")]
    [InlineData("zsh")]
    [InlineData("ksh")]
    public void The_shell_function_hands_info_list_and_doctor_to_the_program(string shell)
    {
        // Arrange: the profile script sourced in a clean environment (dash finds the tool through TYKKY_ROOT)
        var profile = Path.Join(ToolTree.Root, "etc", "profile.d", "tykky.sh");
        var environment = new Dictionary<string, string?> { ["PATH"] = "/usr/bin:/bin", ["TYKKY_PATH"] = installations.Shelf, ["TYKKY_ROOT"] = ToolTree.Root };

        // Act
        var result = Run.Command([shell, "-c", $". '{profile}'; tykky list --json && tykky info busybox && tykky doctor --json"], new RunOptions { Environment = environment });

        // Assert: the same documents the program prints
        var direct = Tykky(["list", "--json"], environment).Out + Tykky(["info", "busybox"], environment).Out + Tykky(["doctor", "--json"], environment).Out;
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(direct, result.Out);
    }

    [Fact]
    public void The_inspection_subcommands_are_in_tykkys_help()
    {
        var help = Tykky(["--help"]);

        Assert.Contains("info <DIR>", help.Out);
        Assert.Contains("list", help.Out);
        Assert.Contains("doctor", help.Out);
    }
}
