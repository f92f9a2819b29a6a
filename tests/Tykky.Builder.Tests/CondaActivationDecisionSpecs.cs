using Tykky.Builder.Config;
using Tykky.Builder.Packages;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Tests;

/// <summary>Captured or dynamic activation, from the user's choice and what the capture could not express.</summary>
public class CondaActivationDecisionSpecs
{
    private static readonly string[] Problem = ["FAKE_SCRATCH depends on the launch environment (/env/etc/conda/activate.d/slurm.sh)"];

    public sealed record Case(string Name, CondaActivationChoice Choice, string[] Problems, CondaActivationMode Mode, bool Warns)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Rows() =>
    [
        new("auto, faithful: captured", CondaActivationChoice.Auto, [], CondaActivationMode.Captured, false),
        new("auto, not faithful: dynamic, warned", CondaActivationChoice.Auto, Problem, CondaActivationMode.Dynamic, true),
        new("captured, faithful: captured", CondaActivationChoice.Captured, [], CondaActivationMode.Captured, false),
        new("captured, not faithful: captured as asked, warned", CondaActivationChoice.Captured, Problem, CondaActivationMode.Captured, true),
        new("dynamic: dynamic", CondaActivationChoice.Dynamic, [], CondaActivationMode.Dynamic, false),
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_verdict_matches_the_row(Case row)
    {
        var verdict = CondaActivationDecision.Decide(row.Choice, row.Problems);

        Assert.Equal(row.Mode, verdict.Mode);
        Assert.StartsWith(row.Mode == CondaActivationMode.Captured ? "captured" : "dynamic", verdict.Reason);
        Assert.Equal(row.Warns, verdict.Warning is not null);
        Assert.All(row.Problems, problem => Assert.Contains(problem, verdict.Warning ?? verdict.Reason));
    }

    [Fact]
    public void The_problems_name_the_scripts_that_name_the_variables()
    {
        ActivateScript[] scripts =
        [
            new("/env/etc/conda/activate.d/slurm.sh", "if [ -n \"$SLURM_JOB_ID\" ]; then export FAKE_SCRATCH=/s; else export FAKE_SCRATCH=/t; fi\n"),
            new("/env/etc/conda/activate.d/computed.sh", "unset $OLD\n"),
        ];

        var problems = CondaActivationDecision.Problems(["FAKE_SCRATCH", "STAMP"], scripts);

        Assert.Equal(
        [
            "FAKE_SCRATCH depends on the launch environment (/env/etc/conda/activate.d/slurm.sh)",
            "STAMP depends on the launch environment (no activate.d script names it)",
            "/env/etc/conda/activate.d/computed.sh unsets names it computes",
        ], problems);
    }
}
