using Tykky.Builder.Deploy;

namespace Tykky.Builder.Tests;

/// <summary>Who made a build directory, and whether that build is gone.</summary>
public class BuildOwnerSpecs
{
    private static readonly BuildOwner Owner = new(4242, "login1", 987654);

    [Fact]
    public void The_record_reads_back_as_written() => Assert.Equal(Owner, BuildOwner.Parse(Owner.ToText()));

    [Theory]
    [InlineData("")]
    [InlineData("pid=4242\nhost=login1\n")]
    [InlineData("pid=x\nhost=login1\nstart=1\n")]
    [InlineData("4242 login1")]
    public void A_cut_short_or_foreign_record_is_no_owner(string text) => Assert.Null(BuildOwner.Parse(text));

    [Fact]
    public void A_build_directory_name_carries_the_owner_even_with_dashes_in_the_host_name()
    {
        var owner = new BuildOwner(17, "node-12.cluster", 5);

        Assert.Equal(owner, BuildOwner.FromName("cw-" + owner.ToNamePart() + "Ab3dE9", "cw-"));
    }

    [Theory]
    [InlineData("cw-Ab3dE9")]
    [InlineData("cw-kept-Ab3dE9")]
    [InlineData("cw--1-2-Ab3dE9")]
    [InlineData("other-h-1-2-Ab3dE9")]
    public void A_name_without_an_owner_gives_none(string name) => Assert.Null(BuildOwner.FromName(name, "cw-"));

    [Fact]
    public void A_pid_that_no_longer_runs_on_its_host_is_dead() => Assert.True(Owner.IsDeadOn("login1", _ => null));

    [Fact]
    public void A_pid_reused_by_another_process_is_dead() => Assert.True(Owner.IsDeadOn("login1", _ => 111));

    [Fact]
    public void The_same_pid_with_the_same_start_time_is_alive() => Assert.False(Owner.IsDeadOn("login1", _ => 987654));

    [Fact]
    public void An_owner_on_another_host_cannot_be_judged_dead_from_here() => Assert.False(Owner.IsDeadOn("login2", _ => null));

    [Fact]
    public void This_process_is_alive() => Assert.False(BuildOwner.Current.IsDeadOn(Environment.MachineName, BuildOwner.StartTimeOf));
}
