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

    /// <summary>
    /// Builds run by the unprivileged test user when the tests run as root (else by the test process's
    /// user, <c>User</c> null): <paramref name="scratch"/> and the build base are given to that user.
    /// </summary>
    public static (Builds Builds, string? User) ForUnprivilegedUser(TempDir scratch)
    {
        var builds = new Builds(scratch);
        Directory.CreateDirectory(builds.BuildBase);
        var user = Host.IsRoot ? Host.UnprivilegedUser : null;
        if (user is not null)
        {
            Assert.Equal(0, Infrastructure.Run.Command(["chown", "-R", $"{user}:{user}", scratch.Path]).ExitCode);
        }
        return (builds, user);
    }

    /// <summary>
    /// Asserts that a build was rejected: exit <paramref name="exitCode"/>, exactly one "[ ERROR ]" line
    /// holding <paramref name="message"/>, no files in <paramref name="prefix"/>, nothing in the build base.
    /// </summary>
    public void AssertRejected(RunResult result, string message, string prefix, int exitCode = 1)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        var errors = result.Stderr.TrimEnd('\n').Split('\n').Where(l => l.StartsWith("[ ERROR ]", StringComparison.Ordinal)).ToArray();
        Assert.True(errors.Length == 1, result.ToString());
        Assert.Contains(message, errors[0]);
        Assert.False(Directory.Exists(prefix) && Directory.EnumerateFileSystemEntries(prefix).Any(), "the prefix was left with files");
        Assert.Empty(Leftovers());
    }

    /// <summary>
    /// The entries left in the build base (there must be none after a build, failed or not), apart from
    /// the logs failed builds keep (<see cref="KeptLogs"/>).
    /// </summary>
    public IReadOnlyList<string> Leftovers() =>
        Directory.Exists(BuildBase) ? Directory.EnumerateFileSystemEntries(BuildBase).Except(KeptLogs()).ToArray() : [];

    /// <summary>The build logs failed builds kept in the build base, named in their error lines.</summary>
    public IReadOnlyList<string> KeptLogs() =>
        Directory.Exists(BuildBase) ? Directory.GetFiles(BuildBase, "tykky-build-*.log") : [];
}
