using System.Text.Json.Nodes;
using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// wrap-container on the real busybox.sif, the same root filesystem as a plain squashfs image, and as a
/// sandbox directory, with the bubblewrap runtime, built and run by the unprivileged test user.
/// The specs that run programs need the launcher's isolated bubblewrap sandbox (the container's root
/// filesystem mounted with squashfuse -o offset and rebuilt from the manifest's root entries).
/// </summary>
[Collection(BusyboxInstallationsCollection.Name)]
public sealed class WrapContainerSpecs(BusyboxInstallations busybox) : IDisposable
{
    private readonly TempDir _scratch = new("wrap-container");

    public void Dispose() => _scratch.Dispose();

    /// <summary>The three installations by the form of their container.</summary>
    public static TheoryData<string> Forms() => ["sif", "squashfs", "directory"];

    private string Prefix(string form) => form switch
    {
        "sif" => busybox.FromSif,
        "squashfs" => busybox.FromSquashfs,
        _ => busybox.FromSandbox,
    };

    private static JsonNode Manifest(string prefix) => JsonNode.Parse(File.ReadAllText(Path.Join(prefix, "tykky.json")))!;

    [Theory]
    [MemberData(nameof(Forms))]
    public void The_manifest_records_the_containers_root_filesystem_and_no_image(string form)
    {
        // Act
        var manifest = Manifest(Prefix(form));
        var container = manifest["container"]!;

        // Assert: what the container is, where its squashfs starts, its top-level entries
        var (kind, offset, path) = form switch
        {
            "sif" => ("sif", 36864L, "container.sif"),
            "squashfs" => ("squashfs", 0L, "container.sif"),
            _ => ("directory", 0L, busybox.Sandbox),
        };
        Assert.Equal(kind, (string?)container["kind"]);
        Assert.Equal(offset, (long?)container["offset"] ?? 0);
        Assert.Equal(path, (string?)container["path"]);
        var entries = container["rootEntries"]!.AsArray().Select(e => $"{e!["name"]}{(e["linkTarget"] is { } target ? " -> " + target : "")}").ToArray();
        Assert.Contains("bin", entries);
        Assert.Contains("opt", entries);
        Assert.Contains("environment -> .singularity.d/env/90-environment.sh", entries);
        // ... its default PATH (busybox's env scripts set none) and the isolated launch
        Assert.Equal("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", (string?)container["defaultPath"]);
        Assert.Null(manifest["image"]);
        Assert.True((bool?)manifest["isolate"]);
        Assert.Equal("bwrap", (string?)manifest["runtime"]!["kind"]);
        // ... and the wrapped directories first on PATH inside, so programs find each other
        Assert.Equal("""[{"action":"prepend","name":"PATH","value":"/bin:/opt/tools/bin"}]""", manifest["environment"]!.ToJsonString());
    }

    [Fact]
    public void Every_program_of_the_wrapped_paths_gets_a_wrapper_pointing_inside()
    {
        var prefix = busybox.FromSif;

        var wrappers = Directory.EnumerateFileSystemEntries(Path.Join(prefix, "bin")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(27, wrappers.Length); // busybox, its 24 links, hello, and the two debug wrappers
        Assert.Contains("hello", wrappers);
        Assert.Contains("_debug_exec", wrappers);
        Assert.True(Host.IsHardLinkOf(Path.Join(prefix, "bin", "sh"), Path.Join(prefix, "tykky-launcher")));
        Assert.Equal("/bin/sh", new FileInfo(Path.Join(prefix, "_bin", "sh")).LinkTarget);
        Assert.Equal("/opt/tools/bin/hello", new FileInfo(Path.Join(prefix, "_bin", "hello")).LinkTarget);
    }

    [Fact]
    public void The_prefix_holds_a_copy_of_the_image_but_a_sandbox_directory_is_used_in_place()
    {
        // the prefix's own files are those of its one generation (the rest are links; bin/ holds hard links of the launcher)
        static string[] Files(string prefix) => Directory.EnumerateFiles(prefix, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Select(f => Path.GetRelativePath(Path.Join(prefix, "generations/1"), f)).Where(f => !f.StartsWith("bin/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["container.sif", "share/VERSION.yml", "share/conf.yaml", "share/modulefiles/from-sif/1", "share/modulefiles/from-sif/1.lua", "share/previous_input/1/conf.yaml", "tykky-launcher", "tykky.json"], Files(busybox.FromSif));
        Assert.Equal(File.ReadAllBytes(Containers.BusyboxSif), File.ReadAllBytes(Path.Join(busybox.FromSif, "container.sif")));
        Assert.Equal(["share/VERSION.yml", "share/conf.yaml", "share/modulefiles/from-sandbox/1", "share/modulefiles/from-sandbox/1.lua",
            "share/previous_input/1/conf.yaml", "tykky-launcher", "tykky.json"], Files(busybox.FromSandbox));
        Assert.Contains($"container_src: {Containers.BusyboxSif}", File.ReadAllText(Path.Join(busybox.FromSif, "share", "conf.yaml")));
    }

    [Fact]
    public void A_file_path_wraps_one_program_wrap_all_wraps_every_file_and_a_missing_path_only_warns()
    {
        // Arrange
        _scratch.Write("all.yaml", "wrap_all: yes\n");

        // Act
        var result = new Builds(_scratch).Run("wrap-container", ["-w", "/opt/tools/bin/hello,/etc,/no/such/dir", "-y", "all.yaml", "--prefix", _scratch["inst"], Containers.BusyboxSif]);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["_debug_exec", "_debug_shell", "hello", "hosts", "passwd", "resolv.conf"],
            Directory.EnumerateFileSystemEntries(_scratch["inst/bin"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("[ WARNING ] Wrapper path /no/such/dir does not exist in the container", result.Stderr);
    }

    [Fact]
    public void An_environ_file_and_a_yaml_file_are_kept_as_build_inputs()
    {
        // Arrange
        _scratch.Write("environ", "export GREETING=\"hello world\"\n");
        _scratch.Write("settings.yaml", "mount_points:\n  - /tmp\n");

        // Act
        var result = new Builds(_scratch).Run("wrap-container", ["-w", "/opt/tools/bin", "--environ", "environ", "-y", "settings.yaml", "--prefix", _scratch["inst"], Containers.BusyboxSif]);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["conf.yaml", "environ", "settings.yaml"], Directory.EnumerateFiles(_scratch["inst/share/previous_input/1"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var manifest = Manifest(_scratch["inst"]);
        Assert.Equal("""["/tmp"]""", manifest["mountPoints"]!.ToJsonString());
        Assert.Contains("""{"action":"set","name":"GREETING","value":"hello world"}""", manifest["environment"]!.ToJsonString());
    }

    // ---- Running the programs: these need the launcher's isolated bubblewrap sandbox (see the class comment).

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_program_of_the_container_runs_through_its_wrapper_with_its_arguments(string form)
    {
        var result = Run.Command([Path.Join(Prefix(form), "bin", "hello"), "one", "two words", ""], busybox.AsUser());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello from /opt/tools/bin/hello args:3\n[one]\n[two words]\n[]\n", result.Out);
        Assert.Equal("", result.Stderr);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Twenty_thousand_arguments_and_a_closed_stdin_reach_the_program_through_both_sandboxes(string form)
    {
        // Arrange: a SIF or squashfs root takes two bubblewraps, each passed its arguments in memory files
        var arguments = Enumerable.Range(1, 20_000).Select(i => $"a{i}").ToArray();

        // Act
        var result = Run.Bash("exec \"$@\" <&-", busybox.AsUser(), [Path.Join(Prefix(form), "bin", "hello"), .. arguments]);

        // Assert
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal($"hello from /opt/tools/bin/hello args:20000\n{string.Concat(arguments.Select(a => $"[{a}]\n"))}", result.Out);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void The_container_is_the_root_filesystem_with_the_mount_points_bound_in(string form)
    {
        // Arrange: a host file under a mount point (/tmp)
        var marker = _scratch.Write("marker.txt", "from the host\n");

        // Act
        var passwd = Run.Command([Path.Join(Prefix(form), "bin", "cat"), "/etc/passwd", marker], busybox.AsUser());
        var usr = Run.Command([Path.Join(Prefix(form), "bin", "ls"), "-A", "/usr/bin"], busybox.AsUser());

        // Assert: the container's passwd and its empty /usr/bin, not the host's
        Assert.True(passwd.ExitCode == 0, passwd.ToString());
        Assert.Equal("root:x:0:0:root:/root:/bin/sh\nfrom the host\n", passwd.Out);
        Assert.True(usr.ExitCode == 0, usr.ToString());
        Assert.Equal("", usr.Out);
    }

    [Fact]
    public void Programs_find_each_other_on_the_containers_PATH()
    {
        var result = Run.Command([Path.Join(busybox.FromSif, "bin", "sh"), "-c", "echo \"$PATH\"; hello via-path"],
            busybox.AsUser(new Dictionary<string, string?> { ["PATH"] = "/host/only/bin:/usr/bin:/bin" }));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("/bin:/opt/tools/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nhello from /opt/tools/bin/hello args:1\n[via-path]\n", result.Out);
    }

    [Fact]
    public void Exit_codes_pass_through()
    {
        Assert.Equal(1, Run.Command([Path.Join(busybox.FromSif, "bin", "false")], busybox.AsUser()).ExitCode);
        Assert.Equal(7, Run.Command([Path.Join(busybox.FromSquashfs, "bin", "sh"), "-c", "exit 7"], busybox.AsUser()).ExitCode);
    }

    [Fact]
    public void The_debug_exec_wrapper_runs_any_command_of_the_container()
    {
        var result = Run.Command([Path.Join(busybox.FromSandbox, "bin", "_debug_exec"), "busybox", "echo", "inside"], busybox.AsUser());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("inside\n", result.Out);
    }
}
