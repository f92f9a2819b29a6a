using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>A private single-node Slurm (slurm-wlm + munge from apt), started by the fixture.</summary>
public sealed class SlurmCluster : IDisposable
{
    private readonly TempDir _directory = new("slurm");

    /// <summary>Starts munged, slurmctld and slurmd when running as root with Slurm installed.</summary>
    public SlurmCluster()
    {
        if (!Host.IsRoot || !File.Exists("/usr/sbin/slurmctld"))
        {
            return;
        }
        var start = Run.Command([Path.Join(ToolTree.RepositoryRoot, "tests", "fixtures", "slurm-start.sh"), _directory.Path]);
        Assert.True(start.ExitCode == 0, start.ToString());
        Configuration = _directory["slurm.conf"];
    }

    /// <summary>SLURM_CONF of the running cluster.</summary>
    public string? Configuration { get; }

    /// <summary>Stops the daemons.</summary>
    public void Dispose()
    {
        if (Configuration is not null)
        {
            Run.Command([Path.Join(ToolTree.RepositoryRoot, "tests", "fixtures", "slurm-stop.sh"), _directory.Path]);
        }
        _directory.Dispose();
    }
}

[Collection(ProbeInstallationCollection.Name)]
public sealed class SlurmSpecs(ProbeInstallation installation, SlurmCluster cluster) : IClassFixture<SlurmCluster>
{
    private readonly SlurmCluster _cluster = cluster;

    [RootFact("/usr/bin/srun", "/usr/sbin/slurmctld", "/usr/sbin/munged")]
    public void Srun_starts_a_wrapped_program_on_every_task()
    {
        // Act: two tasks, each through the wrapper (bubblewrap + squashfuse per task)
        var result = Run.Command(["srun", "-n2", "--label", installation.Wrapper("_debug_exec"), "sh", "-c", "echo task $SLURM_PROCID sees $(ls /LOCAL_TYKKY/bin | tr '\\n' ' ')"],
            new RunOptions { Environment = new Dictionary<string, string?> { ["SLURM_CONF"] = _cluster.Configuration } });

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).Order().ToArray();
        Assert.Equal(["0: task 0 sees README.txt greet probe", "1: task 1 sees README.txt greet probe"], lines);
    }

    [RootFact("/usr/bin/srun", "/usr/sbin/slurmctld", "/usr/sbin/munged")]
    public void Srun_passes_arguments_and_exit_codes_through_the_wrapper()
    {
        var environment = new Dictionary<string, string?> { ["SLURM_CONF"] = _cluster.Configuration };

        var ok = Run.Command(["srun", "-n2", installation.Wrapper("greet"), "a b"], new RunOptions { Environment = environment });
        var failed = Run.Command(["srun", "-n1", installation.Wrapper("probe"), "exit", "7"], new RunOptions { Environment = environment });

        Assert.Equal(["greet from /LOCAL_TYKKY/bin/greet: a b", "greet from /LOCAL_TYKKY/bin/greet: a b"], ok.Out.TrimEnd('\n').Split('\n'));
        Assert.Equal(7, failed.ExitCode);
    }
}
