using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>Runs the published builder in a scratch directory with its own build base, so leftovers can be checked.</summary>
public sealed class Builds(TempDir scratch)
{
    /// <summary>The build directory base (CW_BUILD_TMPDIR) of these builds.</summary>
    public string BuildBase => scratch["build-base"];

    /// <summary>Runs a frontend (e.g. "wrap-install") with <paramref name="arguments"/>.</summary>
    public RunResult Run(string frontend, IReadOnlyList<string> arguments, RunOptions? options = null)
    {
        options ??= new RunOptions();
        var environment = new Dictionary<string, string?>(options.Environment);
        environment.TryAdd("CW_BUILD_TMPDIR", BuildBase);
        return Infrastructure.Run.Command([ToolTree.Bin(frontend), .. arguments],
            options with { Environment = environment, WorkingDirectory = options.WorkingDirectory ?? scratch.Path });
    }

    /// <summary>The entries left in the build base (there must be none after a build, failed or not).</summary>
    public IReadOnlyList<string> Leftovers() =>
        Directory.Exists(BuildBase) ? Directory.EnumerateFileSystemEntries(BuildBase).ToArray() : [];
}
