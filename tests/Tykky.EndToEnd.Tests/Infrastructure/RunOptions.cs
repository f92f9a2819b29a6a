namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>How to run a command in a test.</summary>
public sealed record RunOptions
{
    /// <summary>Run as this user (through runuser; the tests run as root in CI), or as the test process's user when null.</summary>
    public string? User { get; init; }

    /// <summary>Variables to set; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Working directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Bytes written to stdin (then closed); stdin is empty when null.</summary>
    public byte[]? Stdin { get; init; }

    /// <summary>Upper bound on the run; the process tree is killed and the test fails when exceeded.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);
}
