using System.Text;
using System.Text.Json;
using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// pip-containerize --slim for apptainer, against the recording-apptainer TEST DOUBLE (it runs no
/// container, so nothing is installed): the python image is pulled, the installation is isolated,
/// and the venv and pip commands go to the runtime with the install tree bound at the installation path.
/// </summary>
[Collection(PipInstallationCollection.Name)]
public sealed class PipSlimSpecs(PipInstallation pip) : IDisposable
{
    private readonly TempDir _scratch = new("pip-slim");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Slim_pulls_the_python_image_and_runs_venv_and_pip_in_it_isolated()
    {
        // Arrange: the site configuration names the double as the runtime
        var runtime = new RecordingRuntime(_scratch);
        var site = SiteConfigs.WithDefault(_scratch, "singularity_executable_path", runtime.Executable);
        // the double runs no container, so the venv gets no programs: an installation without wrappers is asked for
        File.WriteAllText(site, File.ReadAllText(site).Replace("create_wrappers: yes", "create_wrappers: no", StringComparison.Ordinal));
        _scratch.Write("requirements.txt", "tykkydemo\n");
        var prefix = _scratch["inst"];

        // Act
        var build = new Builds(_scratch).Run("pip-containerize", ["new", "--slim", "--pyver", "3.11", "--prefix", prefix, "requirements.txt"],
            new RunOptions { Environment = runtime.Environment(pip.Wheels.Environment(new Dictionary<string, string?> { ["CW_GLOBAL_YAML"] = site })) });

        // Assert
        Assert.True(build.ExitCode == 0, build.ToString());
        var calls = Calls(runtime);
        Assert.Contains(calls, argv => argv.Contains("pull") && argv[^1] == "docker://python:3.11-slim");
        var venv = Assert.Single(calls, argv => argv.Contains("venv"));
        Assert.Equal(["python3", "-m", "venv", "/LOCAL_TYKKY/env1"], venv.TakeLast(4));
        // An isolated container may not see the user's file: a copy goes into the install tree for the step.
        var install = Assert.Single(calls, argv => argv.Contains("pip") && argv.Contains("install"));
        Assert.Equal(["-r", "/LOCAL_TYKKY/.tykky/inputs/requirements.txt"], install.TakeLast(2));
        Assert.Contains("/LOCAL_TYKKY/env1/bin/python", Assert.Single(calls, argv => argv.Contains("freeze")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Join(prefix, "tykky.json")));
        Assert.True(manifest.RootElement.GetProperty("isolate").GetBoolean());
        Assert.Equal("container.sif", manifest.RootElement.GetProperty("container").GetProperty("path").GetString());
    }

    private static IReadOnlyList<string[]> Calls(RecordingRuntime runtime) =>
        Directory.EnumerateDirectories(runtime.Directory)
            .Select(call => NulSeparated.Split(File.ReadAllBytes(Path.Join(call, "argv"))).Select(Encoding.UTF8.GetString).ToArray())
            .ToArray();
}
