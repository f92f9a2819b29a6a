using System.Text.Json.Nodes;
using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// wrap-container for apptainer, built by the published builder and run by the real launcher against
/// the recording-apptainer TEST DOUBLE, which records the command line and environment (no container runs).
/// </summary>
public sealed class WrapContainerApptainerSpecs : IDisposable
{
    private const string StandardPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private readonly TempDir _scratch = new("wrap-container-apptainer");
    private readonly RecordingRuntime _runtime;
    private readonly Builds _builds;

    public WrapContainerApptainerSpecs()
    {
        _runtime = new RecordingRuntime(_scratch);
        _builds = new Builds(_scratch);
    }

    public void Dispose() => _scratch.Dispose();

    private string Build(string container, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var yaml = _scratch.Write("apptainer.yaml", $"runtime: apptainer\nsingularity_executable_path: {_runtime.Executable}\n");
        var result = _builds.Run("wrap-container", ["-w", "/bin,/opt/tools/bin", "-y", yaml, "--prefix", _scratch["inst"], container],
            new RunOptions { Environment = _runtime.Environment(environment) });
        Assert.True(result.ExitCode == 0, result.ToString());
        return _scratch["inst"];
    }

    [Fact]
    public void The_wrapper_runs_the_program_in_the_container_with_the_containers_PATH()
    {
        // Arrange
        var prefix = Build(Containers.BusyboxSif);
        _runtime.Clear();

        // Act
        var result = Run.Command([$"{prefix}/bin/hello", "a b"], new RunOptions
        {
            Environment = _runtime.Environment(new Dictionary<string, string?> { ["PATH"] = "/host/bin:/usr/bin", ["TMPDIR"] = null, ["CW_EXTRA_BIND_MOUNTS"] = null }),
        });
        var call = _runtime.SingleCall();

        // Assert: the program's path inside, the container's PATH with the wrapped directories first, no image
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([_runtime.Executable, "--silent", "exec", $"{prefix}/generations/1/container.sif", $"{prefix}/generations/1/tykky-launcher", "--tykky-inner", "--exec-path", "/opt/tools/bin/hello", $"{prefix}/bin/hello", "a b"], call.Argv);
        Assert.Equal($"/bin:/opt/tools/bin:{StandardPath}", call.Environment["APPTAINERENV_PATH"]);
        var binds = call.Environment["APPTAINER_BIND"].Split(',');
        Assert.Equal(["/tmp", "/home", $"{prefix}/generations/1/_bin:{prefix}/generations/1/bin"], binds);
    }

    [Fact]
    public void A_docker_URL_is_pulled_with_apptainer_and_read_like_a_local_image()
    {
        // Arrange: the double's pull copies busybox.sif
        var pullFrom = new Dictionary<string, string?> { ["RECORDING_PULL_FROM"] = Containers.BusyboxSif };

        // Act
        var prefix = Build("docker://example.org/busybox:1", pullFrom);

        // Assert
        var manifest = JsonNode.Parse(File.ReadAllText($"{prefix}/tykky.json"))!;
        Assert.Equal("apptainer", (string?)manifest["runtime"]!["kind"]);
        Assert.Equal("sif", (string?)manifest["container"]!["kind"]);
        Assert.Equal(36864, (long?)manifest["container"]!["offset"]);
        Assert.Equal("/opt/tools/bin/hello", new FileInfo($"{prefix}/_bin/hello").LinkTarget);
        Assert.Contains("container_src: docker://example.org/busybox:1", File.ReadAllText($"{prefix}/share/conf.yaml"));
    }
}
