using Tykky.Builder.Packages;

namespace Tykky.Builder.Tests;

/// <summary>What the capture reads in an activate.d script: the names it unsets and the variables it names.</summary>
public class ActivateScriptSpecs
{
    public sealed record Case(string Name, string Text, string[] UnsetNames, bool Computed)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Rows() =>
    [
        new("No unset", "export A=1\n", [], false),
        new("unset of several names", "unset A B_2\n", ["A", "B_2"], false),
        new("unset after a condition and with -v", "[ -n \"$X\" ] && unset -v C; if true; then unset D; fi\n", ["C", "D"], false),
        new("A quoted name is a name", "unset \"E\"\n", ["E"], false),
        new("Comments are not commands", "# unset NOT_THIS\nexport F=1 # unset NOR_THIS\n", [], false),
        new("An unset of computed names", "unset $OLD_NAMES\n", [], true),
        new("An unset of a prefix's names", "unset \"${!MYPKG_@}\"\n", [], true),
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_reading_matches_the_row(Case row)
    {
        var script = new ActivateScript("/env/etc/conda/activate.d/x.sh", row.Text);

        Assert.Equal(row.UnsetNames, script.UnsetNames);
        Assert.Equal(row.Computed, script.UnsetsComputedNames);
    }

    [Fact]
    public void A_script_mentions_a_variable_by_its_whole_name()
    {
        var script = new ActivateScript("/x.sh", "export FAKE_SCRATCH=\"/scratch/$SLURM_JOB_ID\"\n");

        Assert.True(script.Mentions("FAKE_SCRATCH"));
        Assert.True(script.Mentions("SLURM_JOB_ID"));
        Assert.False(script.Mentions("SCRATCH"));
    }
}
