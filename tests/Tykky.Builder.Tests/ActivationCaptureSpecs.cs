using Tykky.Builder.Packages;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Tests;

/// <summary>
/// The captured activation checked against a second activation under other launch inputs: values that
/// follow the inputs become launch-time expansions, what the changes cannot reproduce is reported.
/// </summary>
public class ActivationCaptureSpecs
{
    private static readonly LaunchInput[] Inputs =
    [
        new("HOME", "/probe/first/home", "/probe/second/home"),
        new("SLURM_JOB_ID", "731000417", null),
    ];

    /// <summary>The launch environment of each probe, with <paramref name="more"/> variables.</summary>
    private static Dictionary<string, string> Launch(bool first, params string[] more)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = first ? "/usr/bin" : "/bin", ["HOME"] = first ? "/probe/first/home" : "/probe/second/home" };
        if (first)
        {
            environment["SLURM_JOB_ID"] = "731000417";
        }
        foreach (var entry in more)
        {
            environment[entry[..entry.IndexOf('=')]] = entry[(entry.IndexOf('=') + 1)..];
        }
        return environment;
    }

    /// <summary><paramref name="environment"/> with <paramref name="entries"/> set, or removed when written "-NAME".</summary>
    private static Dictionary<string, string> With(Dictionary<string, string> environment, params string[] entries)
    {
        var result = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.StartsWith('-'))
            {
                result.Remove(entry[1..]);
            }
            else
            {
                result[entry[..entry.IndexOf('=')]] = entry[(entry.IndexOf('=') + 1)..];
            }
        }
        return result;
    }

    public sealed record Case(string Name, string[] Preset, string[] FirstEffect, string[] SecondEffect, string[] Expected, string[] Unfaithful)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Rows() =>
    [
        new("A constant is recorded as it is", [], ["FAKE=/opt/x"], ["FAKE=/opt/x"], ["set FAKE=/opt/x"], []),
        new("A value under $HOME becomes a launch-time expansion",
            [], ["PKG_HOME=/probe/first/home/.pkg"], ["PKG_HOME=/probe/second/home/.pkg"], ["set PKG_HOME=${HOME}/.pkg"], []),
        new("A PATH entry under $HOME is prepended as an expansion",
            [], ["PATH=/probe/first/home/.local/bin:/env/bin:/usr/bin"], ["PATH=/probe/second/home/.local/bin:/env/bin:/bin"], ["prepend PATH=${HOME}/.local/bin:/env/bin"], []),
        new("A dollar sign stays literal", [], ["PRICE=$5"], ["PRICE=$5"], ["set PRICE=\\$5"], []),
        new("A branch on SLURM_JOB_ID cannot be expressed",
            [], ["SCRATCH=/scratch/job-731000417"], ["SCRATCH=/tmp/fake-scratch"], ["set SCRATCH=/scratch/job-731000417"], ["SCRATCH"]),
        new("A variable set only outside a job cannot be expressed", [], [], ["OUTSIDE=1"], [], ["OUTSIDE"]),
        // the probe presets the names activate.d scripts unset, so that the unset shows in both activations
        new("An unconditional unset is recorded", ["LEGACY=x"], ["-LEGACY"], ["-LEGACY"], ["unset LEGACY"], []),
        new("An unset inside a job only cannot be expressed", ["LEGACY=x"], ["-LEGACY"], [], ["unset LEGACY"], ["LEGACY"]),
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_capture_matches_the_row(Case row)
    {
        // Arrange
        var firstBefore = With(Launch(first: true), row.Preset);
        var secondBefore = With(Launch(first: false), row.Preset);
        var first = new ActivationRun(firstBefore, With(firstBefore, row.FirstEffect));
        var second = new ActivationRun(secondBefore, With(secondBefore, row.SecondEffect));

        // Act
        var (changes, unfaithful) = ActivationCapture.Derive(first, first.After, second, Inputs);

        // Assert
        Assert.Equal(row.Expected, changes.Select(c => c.Action == EnvironmentAction.Unset ? $"unset {c.Name}" : $"{c.Action.ToString().ToLowerInvariant()} {c.Name}={c.Value}"));
        Assert.Equal(row.Unfaithful, unfaithful);
    }

    [Fact]
    public void Replay_applies_the_changes_as_the_launcher_does()
    {
        var environment = new Dictionary<string, string> { ["HOME"] = "/home/u", ["PATH"] = "/bin", ["OLD"] = "x" };
        EnvironmentChange[] changes =
        [
            new() { Action = EnvironmentAction.Prepend, Name = "PATH", Value = "/env/bin" },
            new() { Action = EnvironmentAction.Append, Name = "NEW_LIST", Value = "/env/lib" },
            new() { Action = EnvironmentAction.Set, Name = "PKG", Value = "${HOME}/.pkg ${UNSET_NAME}\\$" },
            new() { Action = EnvironmentAction.Unset, Name = "OLD" },
        ];

        var replayed = ActivationCapture.Replay(environment, changes);

        Assert.Equal(new Dictionary<string, string> { ["HOME"] = "/home/u", ["PATH"] = "/env/bin:/bin", ["NEW_LIST"] = "/env/lib", ["PKG"] = "/home/u/.pkg $" }, replayed);
    }
}
