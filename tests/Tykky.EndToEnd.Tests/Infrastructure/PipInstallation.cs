using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real pip installation made once by the published pip-containerize from the wheelhouse
/// (requirements: tykkydemo), with the bubblewrap runtime and the host's python3.
/// </summary>
public sealed class PipInstallation : IDisposable
{
    private readonly TempDir _directory = new("pip");

    /// <summary>Builds the wheelhouse and the installation.</summary>
    public PipInstallation()
    {
        Wheels = new Wheelhouse();
        _directory.Write("requirements.txt", "tykkydemo\n");
        Prefix = _directory["install"];
        BuildResult = new Builds(_directory).Run("pip-containerize", ["new", "--prefix", Prefix, "requirements.txt"], new RunOptions { Environment = Wheels.Environment() });
        Assert.True(BuildResult.ExitCode == 0, BuildResult.ToString());
    }

    /// <summary>The wheelhouse it was built from.</summary>
    public Wheelhouse Wheels { get; }

    /// <summary>The installation prefix.</summary>
    public string Prefix { get; }

    /// <summary>What pip-containerize printed.</summary>
    public RunResult BuildResult { get; }

    /// <summary>The wrapper <c>&lt;prefix&gt;/bin/NAME</c>.</summary>
    public string Wrapper(string name) => Path.Join(Prefix, "bin", name);

    /// <summary>Runs <paramref name="argv"/> with the wheelhouse environment (and <paramref name="more"/>).</summary>
    public RunResult Run(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string?>? more = null, string? workingDirectory = null) =>
        Infrastructure.Run.Command(argv, new RunOptions { Environment = Wheels.Environment(more), WorkingDirectory = workingDirectory ?? _directory.Path });

    /// <summary>Removes the installation and the wheelhouse.</summary>
    public void Dispose()
    {
        _directory.Dispose();
        Wheels.Dispose();
    }
}

/// <summary>Tests sharing one <see cref="PipInstallation"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PipInstallationCollection : ICollectionFixture<PipInstallation>
{
    /// <summary>The collection name.</summary>
    public const string Name = "pip installation";
}
