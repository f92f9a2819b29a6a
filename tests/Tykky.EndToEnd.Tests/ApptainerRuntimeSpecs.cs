using System.Text;
using System.Text.Json.Nodes;
using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// Builds installations for apptainer and singularity with the published builder, and runs their
/// wrappers with the real launcher against the recording-apptainer TEST DOUBLE, which records the
/// exact command line and environment the launcher execs (no container is run).
/// </summary>
public sealed class ApptainerRuntimeSpecs : IDisposable
{
    private readonly TempDir _scratch = new("apptainer");
    private readonly Builds _builds;
    private readonly string _source;
    private readonly string _container;

    public ApptainerRuntimeSpecs()
    {
        _builds = new Builds(_scratch);
        _source = ProbeInstallation.SourceTree(_scratch);
        _container = _scratch.Write("images/base.sif", "stands for a SIF image; the double never opens it");
    }

    public void Dispose() => _scratch.Dispose();

    private string Build(RecordingRuntime runtime, string extraYaml = "", string name = "inst")
    {
        var yaml = _scratch.Write($"{name}.yaml", $"runtime: auto\nsingularity_executable_path: {runtime.Executable}\ncontainer_src: {_container}\n{extraYaml}");
        var result = _builds.Run("wrap-install", ["-w", "bin", "-y", yaml, "--prefix", _scratch[name], _source], new RunOptions { Environment = runtime.Environment() });
        Assert.True(result.ExitCode == 0, result.ToString());
        runtime.Clear();
        return _scratch[name];
    }

    private static RunResult Launch(RecordingRuntime runtime, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var callerEnvironment = new Dictionary<string, string?>
        {
            ["PATH"] = "/opt/site/bin:/usr/bin:/bin",
            ["LD_LIBRARY_PATH"] = "/opt/site/lib",
            ["TMPDIR"] = null,
            ["CW_EXTRA_BIND_MOUNTS"] = null,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            callerEnvironment[name] = value;
        }
        return Run.Command(argv, new RunOptions { Environment = runtime.Environment(callerEnvironment) });
    }

    [Theory]
    [InlineData("apptainer", "APPTAINER_BIND", "APPTAINERENV_")]
    [InlineData("singularity", "SINGULARITY_BIND", "SINGULARITYENV_")]
    public void The_wrapper_execs_the_runtime_with_the_exact_command_line_and_environment(string flavor, string bindVariable, string passingPrefix)
    {
        // Arrange
        var runtime = new RecordingRuntime(_scratch, flavor);
        var prefix = Build(runtime);

        // Act
        var result = Launch(runtime, [$"{prefix}/bin/probe", "argv", "two words", "", "new\nline"]);
        var call = runtime.SingleCall();

        // Assert: the command line
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([runtime.Executable, "--silent", "exec", $"{prefix}/generations/1/container.sif",
            $"{prefix}/generations/1/tykky-launcher", "--tykky-inner", "--exec-path", "/LOCAL_TYKKY/bin/probe", $"{prefix}/bin/probe", "argv", "two words", "", "new\nline"], call.Argv);
        // ... the binds: every top-level directory but /dev, /proc, /sys, the image, _bin over bin
        var binds = call.Environment[bindVariable].Split(',');
        Assert.Contains("/usr", binds);
        Assert.Contains("/usr/bin:/bin", binds);
        Assert.DoesNotContain(binds, b => b is "/dev" or "/proc" or "/sys");
        Assert.Equal([$"{prefix}/generations/1/img.sqfs:/LOCAL_TYKKY:image-src=/", $"{prefix}/generations/1/_bin:{prefix}/generations/1/bin"], binds[^2..]);
        // ... the environment inside: the caller's PATH, LD_LIBRARY_PATH with the installation's lib first
        Assert.Equal("/opt/site/bin:/usr/bin:/bin", call.Environment[$"{passingPrefix}PATH"]);
        Assert.Equal("/LOCAL_TYKKY/lib:/opt/site/lib", call.Environment[$"{passingPrefix}LD_LIBRARY_PATH"]);
        var otherBind = bindVariable.StartsWith("APPTAINER", StringComparison.Ordinal) ? "SINGULARITY_BIND" : "APPTAINER_BIND";
        Assert.False(call.Environment.ContainsKey(otherBind));
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void Stale_state_of_both_families_is_replaced_not_extended()
    {
        // Arrange: srun started from inside another container leaks these (apptainer-observed.md)
        var runtime = new RecordingRuntime(_scratch);
        var prefix = Build(runtime);
        var leaked = new Dictionary<string, string?>
        {
            ["APPTAINER_BIND"] = "/data/img2.sqfs:/OPT_Y:image-src=/",
            ["SINGULARITY_BIND"] = "/OPT_Y",
            ["APPTAINER_NAME"] = "busybox.sif",
            ["SINGULARITY_NAME"] = "busybox.sif",
            ["APPTAINER_CONTAINER"] = "/data/busybox.sif",
            ["SINGULARITY_CONTAINER"] = "/data/busybox.sif",
            ["APPTAINER_COMMAND"] = "exec",
            ["APPTAINER_ENVIRONMENT"] = "/.singularity.d/env/91-environment.sh",
            ["APPTAINER_APPNAME"] = "",
            ["APPTAINERENV_PATH"] = "/stale/bin",
            ["SINGULARITYENV_LD_LIBRARY_PATH"] = "/stale/lib",
            ["APPTAINER_BINDPATH"] = "/stale",
            ["LD_LIBRARY_PATH"] = "/.singularity.d/libs:/opt/site/lib",
        };

        // Act
        Launch(runtime, [$"{prefix}/bin/probe"], leaked);
        var call = runtime.SingleCall();

        // Assert
        foreach (var name in new[] { "SINGULARITY_BIND", "APPTAINER_NAME", "SINGULARITY_NAME", "APPTAINER_CONTAINER", "SINGULARITY_CONTAINER",
                     "APPTAINER_COMMAND", "APPTAINER_ENVIRONMENT", "APPTAINER_APPNAME", "SINGULARITYENV_LD_LIBRARY_PATH", "APPTAINER_BINDPATH" })
        {
            Assert.False(call.Environment.ContainsKey(name), $"{name} leaked through");
        }
        Assert.DoesNotContain("OPT_Y", call.Environment["APPTAINER_BIND"]);
        Assert.Equal("/opt/site/bin:/usr/bin:/bin", call.Environment["APPTAINERENV_PATH"]);
        Assert.Equal("/LOCAL_TYKKY/lib:/opt/site/lib", call.Environment["APPTAINERENV_LD_LIBRARY_PATH"]);
    }

    [Fact]
    public void Arguments_reach_the_program_byte_exact_although_apptainer_replaces_invalid_UTF_8()
    {
        // Arrange: the double replaces invalid UTF-8 as apptainer does, then runs the inner step on the
        // host (the host is what the container shows in host mode)
        var runtime = new RecordingRuntime(_scratch);
        var prefix = Build(runtime);
        var probe = _scratch["src/bin/probe"];

        // Act
        var result = Run.Bash("exec \"$1\" \"$2\" argv $'\\xff\\xfe' $'caf\\xe9' '\\xff' 'é' '*' '$HOME' \"it's\" ''",
            new RunOptions { Environment = runtime.Environment(new Dictionary<string, string?> { ["RECORDING_EXEC_INSIDE"] = "1" }) }, $"{prefix}/bin/_debug_exec", probe);
        var call = runtime.SingleCall();

        // Assert: the program got every byte; apptainer was handed only valid UTF-8, the two bad arguments escaped
        Assert.True(result.ExitCode == 0, result.ToString());
        byte[][] expected = [Encoding.UTF8.GetBytes(probe), "argv"u8.ToArray(), [0xff, 0xfe], [.. "caf"u8, 0xe9], "\\xff"u8.ToArray(), "é"u8.ToArray(),
            "*"u8.ToArray(), "$HOME"u8.ToArray(), "it's"u8.ToArray(), []];
        Assert.Equal(expected.Select(Convert.ToHexString), NulSeparated.Split(result.Stdout).Select(Convert.ToHexString));
        Assert.Equal(call.RawArgv.Select(Convert.ToHexString), call.Argv.Select(a => Convert.ToHexString(Encoding.UTF8.GetBytes(a))));
        Assert.Equal(["--tykky-inner", "--escaped", "5,6", "--exec-search", "1", probe, "argv", @"\xff\xfe", @"caf\xe9", @"\xff", "é"],
            call.Argv.SkipWhile(a => a != "--tykky-inner").Take(11));
    }

    [Fact]
    public void Without_the_escaping_apptainer_would_have_changed_the_bytes()
    {
        // Arrange: the same bytes handed to the double directly, as a launcher without the escaping did
        var runtime = new RecordingRuntime(_scratch);

        // Act
        Run.Bash("exec \"$1\" --silent exec img.sif /bin/true $'\\xff\\xfe'", new RunOptions { Environment = runtime.Environment() }, runtime.Executable);

        // Assert: what the container's first process would get (apptainer-observed.md: ef bf bd ef bf bd)
        Assert.Equal("EFBFBDEFBFBD", Convert.ToHexString(runtime.SingleCall().InsideArgv[^1]));
    }

    [Theory]
    [InlineData("apptainer", "APPTAINER_BIND")]
    [InlineData("singularity", "SINGULARITY_BIND")]
    public void TMPDIR_outside_tmp_is_the_containers_tmp_because_each_destination_is_bound_once(string flavor, string bindVariable)
    {
        // Arrange: apptainer keeps the first bind of a destination, so the host's /tmp listed before
        // TMPDIR:/tmp would win there
        var runtime = new RecordingRuntime(_scratch, flavor);
        var prefix = Build(runtime);
        var tmp = System.IO.Directory.CreateDirectory($"/var/tmp/tykky-job-{Guid.NewGuid():N}").FullName;

        // Act
        RunResult result;
        try
        {
            result = Launch(runtime, [$"{prefix}/bin/probe"], new Dictionary<string, string?> { ["TMPDIR"] = tmp });
        }
        finally
        {
            System.IO.Directory.Delete(tmp);
        }
        var call = runtime.SingleCall();

        // Assert: what apptainer mounts at /tmp is TMPDIR, and nothing was dropped
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([$"{tmp}:/tmp"], call.Binds.Where(b => b == "/tmp" || b.EndsWith(":/tmp", StringComparison.Ordinal)));
        Assert.Equal(call.Environment[bindVariable].Split(','), call.Binds);
    }

    [Fact]
    public void The_inner_step_the_runtime_would_start_execs_the_program_with_argv0()
    {
        // Arrange: record what apptainer would run inside, then run that on the host (the host is what the container shows in host mode)
        var runtime = new RecordingRuntime(_scratch);
        var prefix = Build(runtime);
        Launch(runtime, [$"{prefix}/bin/_debug_exec", _scratch["src/bin/probe"], "argv", "inner"]);
        var inside = runtime.SingleCall().Argv.SkipWhile(a => a != $"{prefix}/generations/1/tykky-launcher").ToArray();

        // Act
        var result = Run.Command(inside);

        // Assert
        Assert.Equal([$"{prefix}/generations/1/tykky-launcher", "--tykky-inner", "--exec-search", "1", _scratch["src/bin/probe"], "argv", "inner"], inside);
        Assert.Equal($"{_scratch["src/bin/probe"]}\0argv\0inner\0", result.Out);
    }

    [Fact]
    public void Extra_binds_TMPDIR_and_GPU_options_are_passed()
    {
        // Arrange
        var runtime = new RecordingRuntime(_scratch);
        var prefix = Build(runtime, "gpu: nvidia\n");
        var tmp = System.IO.Directory.CreateTempSubdirectory("tykky-job-").FullName.Replace("/tmp/", "/var/tmp/", StringComparison.Ordinal);
        System.IO.Directory.CreateDirectory(tmp);
        var data = System.IO.Directory.CreateDirectory(_scratch["data"]).FullName;

        // Act
        RunResult result;
        try
        {
            result = Launch(runtime, [$"{prefix}/bin/probe"], new Dictionary<string, string?>
            {
                ["TMPDIR"] = tmp,
                ["CW_EXTRA_BIND_MOUNTS"] = $"{data}:/data:ro,{prefix}/img.sqfs:/LOCAL_TYKKY:image-src=/,/no/such/dir",
            });
        }
        finally
        {
            System.IO.Directory.Delete(tmp);
        }
        var call = runtime.SingleCall();

        // Assert: TMPDIR (below the bound /var) gets only its /tmp bind; the own image is filtered; a missing source is a warning
        Assert.Equal($"tykky: warning: CW_EXTRA_BIND_MOUNTS entry '/no/such/dir:/no/such/dir' skipped: '/no/such/dir' does not exist\n", result.Stderr);
        Assert.Equal(["--silent", "exec", "--nv", $"{prefix}/generations/1/container.sif"], call.Argv.Skip(1).Take(4));
        var binds = call.Environment["APPTAINER_BIND"].Split(',');
        Assert.Contains($"{tmp}:/tmp", binds);
        Assert.Equal($"{data}:/data:ro", binds[^1]);
        Assert.Single(binds, b => b.Contains("image-src", StringComparison.Ordinal));
    }

    [Fact]
    public void Share_container_links_the_image_instead_of_copying_it()
    {
        var runtime = new RecordingRuntime(_scratch);

        var prefix = Build(runtime, "share_container: yes\n");

        // the generation's container.sif links to the image; the prefix's own is the stable link to current/
        Assert.Equal(_container, new FileInfo(Path.Join(prefix, "generations", "1", "container.sif")).LinkTarget);
    }

    [Fact]
    public void The_manifest_records_the_flavor_and_version_read_from_the_runtime()
    {
        var prefix = Build(new RecordingRuntime(_scratch, "singularity"));

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Join(prefix, "tykky.json")))!;

        Assert.Equal("singularity", manifest["runtime"]!["kind"]!.GetValue<string>());
        Assert.Equal("3.11.4", manifest["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal("container.sif", manifest["container"]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void A_wrapper_called_inside_another_container_fails_naming_both_images()
    {
        // Arrange: /.singularity.d exists only inside an apptainer container; a bubblewrap sandbox with
        // the host's directories and an empty /.singularity.d on its own tmpfs root shows one
        var runtime = new RecordingRuntime(_scratch);
        var prefix = Build(runtime);
        var sandbox = new List<string> { "bwrap", "--dev-bind", "/dev", "/dev", "--proc", "/proc" };
        foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries("/").Where(e => e is not ("/dev" or "/proc")))
        {
            sandbox.AddRange(new FileInfo(entry).LinkTarget is { } link ? ["--symlink", link, entry] : System.IO.Directory.Exists(entry) ? ["--bind", entry, entry] : []);
        }

        // Act
        var result = Run.Command([.. sandbox, "--dir", "/.singularity.d", "--setenv", "APPTAINER_CONTAINER", "/data/other.sif", $"{prefix}/bin/probe"],
            new RunOptions { Environment = runtime.Environment() });

        // Assert
        Assert.Equal(78, result.ExitCode);
        Assert.Equal($"tykky: wrapper called from another container '/data/other.sif': this installation runs in '{prefix}/generations/1/container.sif'; call it from outside, or mount its image there with CW_EXTRA_BIND_MOUNTS\n", result.Stderr);
    }

    [Fact]
    public void A_binary_that_is_not_apptainer_is_rejected_at_build_time()
    {
        var yaml = _scratch.Write("fake.yaml", $"runtime: apptainer\nsingularity_executable_path: /bin/true\ncontainer_src: {_container}\n");

        var result = _builds.Run("wrap-install", ["-w", "bin", "-y", yaml, "--prefix", _scratch["inst"], _source]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[ ERROR ] '/bin/true' is not apptainer or singularity: '--version' printed 'true (GNU coreutils) 9.1'; set singularity_executable_path to the real runtime", result.Stderr);
        Assert.False(System.IO.Directory.Exists(_scratch["inst"]));
    }

    [Fact]
    public void A_missing_runtime_or_container_is_rejected_at_build_time()
    {
        var noRuntime = _scratch.Write("a.yaml", $"runtime: apptainer\nsingularity_executable_path: /nonexistent/apptainer\ncontainer_src: {_container}\n");
        var noContainer = _scratch.Write("b.yaml", $"singularity_executable_path: {new RecordingRuntime(_scratch).Executable}\ncontainer_src: {_scratch["missing.sif"]}\n");

        var first = _builds.Run("wrap-install", ["-w", "bin", "-y", noRuntime, "--prefix", _scratch["inst"], _source]);
        var second = _builds.Run("wrap-install", ["-w", "bin", "-y", noContainer, "--prefix", _scratch["inst"], _source]);

        Assert.Contains("[ ERROR ] apptainer '/nonexistent/apptainer' not found", first.Stderr);
        Assert.Contains($"[ ERROR ] Container image '{_scratch["missing.sif"]}' (container_src) does not exist", second.Stderr);
        Assert.Empty(_builds.Leftovers());
    }

    [Fact]
    public void A_remote_container_is_pulled_by_the_runtime_with_its_cache_in_the_build_base()
    {
        var runtime = new RecordingRuntime(_scratch);
        var yaml = _scratch.Write("pull.yaml", $"singularity_executable_path: {runtime.Executable}\ncontainer_src: docker://opensuse/leap:15.5\n");

        var result = _builds.Run("wrap-install", ["-w", "bin", "-y", yaml, "--prefix", _scratch["inst"], _source], new RunOptions { Environment = runtime.Environment() });
        var pull = System.IO.Directory.EnumerateDirectories(runtime.Directory).Select(d => File.ReadAllText(Path.Join(d, "argv"))).Single(a => a.Contains("\0pull\0"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith($"\0--silent\0pull\0{_scratch["inst"]}/generations/.staging-", pull[..(pull.IndexOf("/generations/.staging-", StringComparison.Ordinal) + 22)]);
        Assert.EndsWith("/container.sif\0docker://opensuse/leap:15.5\0", pull);
    }
}
