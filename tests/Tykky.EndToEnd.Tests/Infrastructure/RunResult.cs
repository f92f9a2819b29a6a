using System.Text;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>What a finished process left: exit code (128+N when the shell saw signal N), raw stdout, stderr.</summary>
public sealed record RunResult(int ExitCode, byte[] Stdout, string Stderr)
{
    /// <summary>Stdout as text.</summary>
    public string Out => Encoding.UTF8.GetString(Stdout);

    /// <summary>For assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Stderr}";
}
