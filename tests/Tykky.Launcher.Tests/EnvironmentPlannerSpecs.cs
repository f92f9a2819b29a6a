using Tykky.Launcher.Manifest;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Tests;

/// <summary>Cleaning the caller's environment of leaked container state, and applying the manifest's changes.</summary>
public class EnvironmentPlannerSpecs
{
    public sealed record CleanCase(string Name, string[] Before, string[] After)
    {
        /// <summary>Variables the launch passes itself (their APPTAINERENV_/SINGULARITYENV_ forms are stale).</summary>
        public string[] Passed { get; init; } = [];

        public override string ToString() => Name;
    }

    public static TheoryData<CleanCase> Cleanings() =>
    [
        new("A clean environment is unchanged", ["PATH=/usr/bin", "HOME=/h"], ["PATH=/usr/bin", "HOME=/h"]),
        new("APPTAINER_BIND alone is removed", ["APPTAINER_BIND=/x", "PATH=/usr/bin"], ["PATH=/usr/bin"]),
        new("SINGULARITY_BINDPATH alone is removed", ["PATH=/usr/bin", "SINGULARITY_BINDPATH=/x"], ["PATH=/usr/bin"]),
        new("Every listed name of both families is removed",
            ["APPTAINER_APPNAME=a", "APPTAINER_BIND=b", "APPTAINER_BINDPATH=c", "APPTAINER_COMMAND=d", "APPTAINER_CONTAINER=e", "APPTAINER_ENVIRONMENT=f", "APPTAINER_NAME=g",
             "SINGULARITY_APPNAME=a", "SINGULARITY_BIND=b", "SINGULARITY_BINDPATH=c", "SINGULARITY_COMMAND=d", "SINGULARITY_CONTAINER=e", "SINGULARITY_ENVIRONMENT=f", "SINGULARITY_NAME=g"],
            []),
        // Configuration of the runtime itself is not container state.
        new("Runtime settings that are not container state stay",
            ["APPTAINER_CACHEDIR=/c", "APPTAINERENV_X=1", "SINGULARITY_TMPDIR=/t", "apptainer_bind=/lower", "APPTAINER_BIND_EXTRA=1"],
            ["APPTAINER_CACHEDIR=/c", "APPTAINERENV_X=1", "SINGULARITY_TMPDIR=/t", "apptainer_bind=/lower", "APPTAINER_BIND_EXTRA=1"]),
        new("/.singularity.d/libs is removed wherever it is in LD_LIBRARY_PATH",
            ["LD_LIBRARY_PATH=/.singularity.d/libs:/a:/.singularity.d/libs:/b:/.singularity.d/libs"], ["LD_LIBRARY_PATH=/a:/b"]),
        new("LD_LIBRARY_PATH holding only /.singularity.d/libs is unset", ["X=1", "LD_LIBRARY_PATH=/.singularity.d/libs", "Y=2"], ["X=1", "Y=2"]),
        new("A similar directory is not apptainer's", ["LD_LIBRARY_PATH=/.singularity.d/libs2:/x/.singularity.d/libs"], ["LD_LIBRARY_PATH=/.singularity.d/libs2:/x/.singularity.d/libs"]),
        new("Empty LD_LIBRARY_PATH entries besides apptainer's are kept", ["LD_LIBRARY_PATH=/a::/.singularity.d/libs"], ["LD_LIBRARY_PATH=/a:"]),
        new("The passing forms of the variables this launch passes are removed in both families, other passing forms kept",
            ["APPTAINERENV_PATH=/stale", "SINGULARITYENV_PATH=/stale", "APPTAINERENV_FOO=x", "SINGULARITYENV_LD_LIBRARY_PATH=/l", "APPTAINERENV_OTHER=kept"],
            ["APPTAINERENV_OTHER=kept"]) { Passed = ["PATH", "LD_LIBRARY_PATH", "FOO"] },
    ];

    [Theory]
    [MemberData(nameof(Cleanings))]
    public void WithoutStaleRuntimeState_matches_the_row(CleanCase row)
    {
        var cleaned = EnvironmentPlanner.WithoutStaleRuntimeState(EnvironmentVariables.FromEntries(row.Before), row.Passed);

        Assert.Equal(row.After, cleaned.ToEntries());
    }

    public sealed record ApplyCase(string Name, string[] Before, EnvironmentChange[] Changes, string[] After)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<ApplyCase> Applications() =>
    [
        new("No changes leave the environment as it is", ["A=1"], [], ["A=1"]),
        new("set replaces a value in place", ["A=1", "B=2"], [Set("A", "9")], ["A=9", "B=2"]),
        new("set adds a new variable at the end", ["A=1"], [Set("N", "v")], ["A=1", "N=v"]),
        new("prepend puts the value first with a colon", ["PATH=/usr/bin"], [Prepend("PATH", "/x/bin")], ["PATH=/x/bin:/usr/bin"]),
        new("prepend to an unset variable sets the value alone", [], [Prepend("LD_LIBRARY_PATH", "/x/lib")], ["LD_LIBRARY_PATH=/x/lib"]),
        new("prepend to an empty variable sets the value alone", ["P="], [Prepend("P", "/x")], ["P=/x"]),
        new("append puts the value last with a colon", ["P=/a"], [Append("P", "/b")], ["P=/a:/b"]),
        new("append to an unset variable sets the value alone", [], [Append("P", "/b")], ["P=/b"]),
        new("unset removes the variable", ["A=1", "B=2"], [Unset("A")], ["B=2"]),
        new("unset of an unset variable changes nothing", ["A=1"], [Unset("Z")], ["A=1"]),
        new("Values see the variables set by earlier changes",
            ["HOME=/h"], [Set("ROOT", "$HOME/env"), Prepend("PATH", "${ROOT}/bin"), Set("ROOT", "/other")], ["HOME=/h", "ROOT=/other", "PATH=/h/env/bin"]),
        new("Unset references expand to nothing, escaped dollars stay", [], [Set("A", "[$NOPE]\\$NOPE")], ["A=[]$NOPE"]),
        new("A self-reference uses the value before the change", ["P=/a"], [Set("P", "$P:/b")], ["P=/a:/b"]),
    ];

    [Theory]
    [MemberData(nameof(Applications))]
    public void Apply_matches_the_row(ApplyCase row)
    {
        var applied = EnvironmentPlanner.Apply(EnvironmentVariables.FromEntries(row.Before), row.Changes);

        Assert.Equal(row.After, applied.ToEntries());
    }

    [Fact]
    public void Apply_leaves_the_original_environment_unchanged()
    {
        // Arrange
        var original = EnvironmentVariables.FromEntries(["A=1"]);

        // Act
        _ = EnvironmentPlanner.Apply(original, [Set("A", "2"), Set("B", "3")]);

        // Assert
        Assert.Equal(["A=1"], original.ToEntries());
    }

    private static EnvironmentChange Set(string name, string value) => new() { Action = EnvironmentAction.Set, Name = name, Value = value };

    private static EnvironmentChange Prepend(string name, string value) => new() { Action = EnvironmentAction.Prepend, Name = name, Value = value };

    private static EnvironmentChange Append(string name, string value) => new() { Action = EnvironmentAction.Append, Name = name, Value = value };

    private static EnvironmentChange Unset(string name) => new() { Action = EnvironmentAction.Unset, Name = name };
}
