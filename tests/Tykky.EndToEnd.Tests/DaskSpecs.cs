using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// Dask for real (Debian's python3-dask and python3-distributed): a pip installation made with
/// --system-site-packages sees them; a scheduler and a worker started as subprocesses of the wrapper's
/// sys.executable (valid inside the container too: <c>_bin</c> is bound over <c>bin</c>) complete a task,
/// also from a venv made on top with --system-site-packages.
/// </summary>
[Collection(PipInstallationCollection.Name)]
public sealed class DaskSpecs(PipInstallation pip) : IDisposable
{
    private readonly TempDir _scratch = new("dask");

    public void Dispose() => _scratch.Dispose();

    [FilesFact("/usr/lib/python3/dist-packages/distributed", "/usr/lib/python3/dist-packages/dask")]
    public void A_scheduler_and_a_worker_started_through_the_wrappers_executable_complete_a_task()
    {
        // Arrange
        _scratch.Write("requirements.txt", "tykkydemo\n");
        var prefix = _scratch["inst"];
        var build = new Builds(_scratch).Run("pip-containerize", ["new", "--system-site-packages", "--prefix", prefix, "requirements.txt"],
            new RunOptions { Environment = pip.Wheels.Environment() });
        Assert.True(build.ExitCode == 0, build.ToString());

        // Act
        var run = RunTask(Path.Join(prefix, "bin", "python"), "work");
        var venv = _scratch["VE"];
        var create = Run.Command([Path.Join(prefix, "bin", "python"), "-m", "venv", "--system-site-packages", "--without-pip", venv], new RunOptions { Environment = pip.Wheels.Environment() });
        var fromVenv = RunTask($"{venv}/bin/python", "work-venv");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("result 42\n", run.Out);
        Assert.Contains($"worker executable {prefix}/bin/python\n", run.Out);
        Assert.Contains($"scheduler executable {prefix}/bin/python\n", run.Out);
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.True(fromVenv.ExitCode == 0, fromVenv.ToString());
        Assert.Contains("result 42\n", fromVenv.Out);
        Assert.Contains($"worker executable {venv}/bin/python\n", fromVenv.Out);
    }

    private RunResult RunTask(string python, string work)
    {
        Directory.CreateDirectory(_scratch[work]);
        return Run.Command([python, Path.Join(AppContext.BaseDirectory, "Fixtures", "dask_task.py"), _scratch[work]],
            new RunOptions { Environment = pip.Wheels.Environment(), WorkingDirectory = _scratch.Path, Timeout = TimeSpan.FromMinutes(3) });
    }
}
