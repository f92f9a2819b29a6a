using System.Text.Json.Nodes;
using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// The image is compressed for the runtime that mounts it (issue #8.1), checked with the
/// recording-apptainer TEST DOUBLE, which refuses zstd images below Apptainer 1.4.0 as the real one does.
/// </summary>
public sealed class ImageCompressionSpecs : IDisposable
{
    private const string ZstdFatal = "FATAL: while loading data bind images: failed to load data image";

    private readonly TempDir _scratch = new("compression");
    private readonly Builds _builds;
    private readonly string _source;
    private readonly string _container;
    private readonly RecordingRuntime _runtime;

    public ImageCompressionSpecs()
    {
        _builds = new Builds(_scratch);
        _source = ProbeInstallation.SourceTree(_scratch);
        _container = _scratch.Write("images/base.sif", "stands for a SIF image; the double never opens it");
        _runtime = new RecordingRuntime(_scratch);
    }

    public void Dispose() => _scratch.Dispose();

    private RunResult Build(string name, string extraYaml = "", IReadOnlyDictionary<string, string?>? environment = null)
    {
        var yaml = _scratch.Write($"{name}.yaml", $"runtime: apptainer\nsingularity_executable_path: {_runtime.Executable}\ncontainer_src: {_container}\n{extraYaml}");
        return _builds.Run("wrap-install", ["-w", "bin", "-y", yaml, "--prefix", _scratch[name], _source], new RunOptions { Environment = _runtime.Environment(environment) });
    }

    private RunResult Launch(string name, IReadOnlyDictionary<string, string?>? environment = null) =>
        Run.Command([Path.Join(_scratch[name], "bin", "probe"), "argv"], new RunOptions { Environment = _runtime.Environment(environment) });

    private static RunResult Tykky(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        Run.Command([ToolTree.Bin("tykky"), .. arguments], new RunOptions { Environment = environment ?? new Dictionary<string, string?>() });

    private string Compression(string name) => (string)JsonNode.Parse(Tykky(["info", "--json", _scratch[name]]).Out)!["image"]!["compression"]!;

    [Fact]
    public void The_default_site_config_gives_apptainer_1_1_an_image_it_mounts()
    {
        // Act
        var build = Build("inst");
        var launch = Launch("inst");

        // Assert: gzip, which the double (as apptainer 1.1.9) mounts; zstd made it fail with its FATAL line
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("[ WARNING ]", build.Stderr);
        Assert.Equal("gzip", Compression("inst"));
        Assert.True(launch.ExitCode == 0, launch.ToString());
        Assert.DoesNotContain(ZstdFatal, launch.Stderr);
        Assert.Contains("sqfs_options: -noappend -comp gzip", File.ReadAllText(Path.Join(_scratch["inst"], "share", "conf.yaml")));
    }

    [Fact]
    public void A_site_default_of_zstd_is_replaced_for_apptainer_1_1_with_one_warning()
    {
        // Arrange: a site config as the local one was (zstd by default)
        var site = _scratch.Write("site.yaml", File.ReadAllText(Path.Join(ToolTree.Root, "configs", "default.yaml"))
            .Replace("sqfs_options: \"-noappend\"", "sqfs_options: \"-noappend -comp zstd\"", StringComparison.Ordinal));

        // Act
        var build = Build("inst", environment: new Dictionary<string, string?> { ["CW_GLOBAL_YAML"] = site });

        // Assert
        Assert.True(build.ExitCode == 0, build.ToString());
        var warning = Assert.Single(build.Stderr.Split('\n'), l => l.StartsWith("[ WARNING ]", StringComparison.Ordinal));
        Assert.Contains($"sqfs_options ({site}:", warning);
        Assert.Contains("asks for -comp zstd, which apptainer 1.1.9 cannot mount (apptainer reads zstd images from 1.4.0 on); the image is made with -comp gzip instead", warning);
        Assert.Equal("gzip", Compression("inst"));
        Assert.Equal(0, Launch("inst").ExitCode);
    }

    [Fact]
    public void The_user_s_choice_of_zstd_for_apptainer_1_1_is_refused_before_anything_is_built()
    {
        var result = Build("inst", "sqfs_options: -noappend -comp zstd\n");

        _builds.AssertRejected(result, "asks for -comp zstd, which apptainer 1.1.9 cannot mount (apptainer reads zstd images from 1.4.0 on); use -comp gzip", _scratch["inst"]);
        Assert.Contains($"sqfs_options ({_scratch["inst.yaml"]}:4)", result.Stderr);
    }

    [Fact]
    public void Apptainer_1_4_gets_the_zstd_it_was_asked_for_with_the_kernel_condition_said()
    {
        var newer = new Dictionary<string, string?> { ["RECORDING_VERSION"] = "1.4.1" };

        var build = Build("inst", "sqfs_options: -noappend -comp zstd\n", newer);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("apptainer 1.4.1 mounts such images only where the kernel has CONFIG_SQUASHFS_ZSTD", build.Stderr);
        Assert.Equal("zstd", Compression("inst"));
        Assert.Equal(0, Launch("inst", newer).ExitCode);
    }

    [Fact]
    public void Info_and_doctor_report_an_installation_whose_image_its_recorded_runtime_cannot_mount()
    {
        // Arrange: a zstd image recorded for apptainer 1.1.9, as builders before issue #8.1 made them
        var newer = new Dictionary<string, string?> { ["RECORDING_VERSION"] = "1.4.1" };
        Assert.Equal(0, Build("old", "sqfs_options: -noappend -comp zstd\n", newer).ExitCode);
        var manifest = Path.Join(_scratch["old"], "tykky.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"1.4.1\"", "\"1.1.9\"", StringComparison.Ordinal));
        Assert.Contains(ZstdFatal, Launch("old").Stderr);

        // Act
        var info = Tykky(["info", _scratch["old"]]);
        var doctor = Tykky(["doctor"], new Dictionary<string, string?> { ["TYKKY_PATH"] = _scratch.Path });

        // Assert
        const string problem = "img.sqfs is zstd-compressed, which its runtime apptainer 1.1.9 cannot mount (apptainer reads zstd images from 1.4.0 on); rebuild the installation";
        Assert.Contains(problem, info.Out);
        Assert.Equal(1, doctor.ExitCode);
        var line = Assert.Single(doctor.Out.Split('\n'), l => l.Contains(" installations: ", StringComparison.Ordinal));
        Assert.Contains("FAIL", line);
        Assert.Contains($"old ({_scratch["old"]}): {_scratch["old"]}/", line);
        Assert.Contains(problem, line);
    }
}
