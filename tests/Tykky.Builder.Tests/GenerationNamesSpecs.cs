using Tykky.Builder.Deploy;

namespace Tykky.Builder.Tests;

/// <summary>The names of a prefix's generations and which of them a build deletes.</summary>
public class GenerationNamesSpecs
{
    [Theory]
    [InlineData("3", 3)]
    [InlineData("0", 0)]
    [InlineData("12", 12)]
    [InlineData(".staging-3", null)]
    [InlineData("3a", null)]
    [InlineData("-1", null)]
    [InlineData("", null)]
    [InlineData("+4", null)]
    public void A_complete_generation_is_a_plain_number(string name, int? expected) => Assert.Equal(expected, GenerationNames.Complete(name));

    [Theory]
    [InlineData(".staging-4", 4)]
    [InlineData(".staging-", null)]
    [InlineData("staging-4", null)]
    [InlineData(".staging-x", null)]
    public void A_staging_directory_carries_its_number(string name, int? expected) => Assert.Equal(expected, GenerationNames.Staging(name));

    [Theory]
    [InlineData("generations/7/bin", 7)]
    [InlineData("generations/7/bin/", 7)]
    [InlineData("generations/7", null)]
    [InlineData("current/bin", null)]
    [InlineData("/abs/generations/7/bin", null)]
    [InlineData("generations/x/bin", null)]
    [InlineData(null, null)]
    public void The_bin_switch_link_names_a_generation_relative_to_the_prefix(string? target, int? expected) => Assert.Equal(expected, GenerationNames.FromSwitchTarget(target));

    [Theory]
    [InlineData("generations/7/bin", "bin/..", 7)]
    [InlineData("generations/7/bin", "generations/6", 7)] // a deploy from an earlier layout killed between its two renames
    [InlineData("current/bin", "generations/6", 6)] // an earlier layout: current was the switch
    [InlineData(null, "generations/0", 0)] // a flat layout being converted
    [InlineData(null, "bin/..", null)] // a new build killed before its switch
    [InlineData(null, null, null)]
    public void The_current_generation_is_the_one_bin_leads_to_else_the_one_current_names(string? bin, string? current, int? expected) =>
        Assert.Equal(expected, GenerationNames.Current(bin, current));

    [Fact]
    public void The_next_number_is_above_every_generation_and_staging_directory() => Assert.Equal(6, GenerationNames.Next([1, 5, 2]));

    [Fact]
    public void The_first_generation_is_1() => Assert.Equal(1, GenerationNames.Next([]));

    public sealed record StaleCase(string Name, int[] Complete, int? Current, int[] Expected)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<StaleCase> StaleRows() =>
    [
        new("the current and the previous generation stay", [1, 2, 3], 3, [1]),
        new("one generation: nothing to delete", [1], 1, []),
        new("a generation above the current one was never switched to", [2, 3, 4], 3, [4]),
        new("the previous one is the highest below the current", [0, 1, 5, 7], 7, [0, 1]),
        new("without a current link every generation is stale (a new build was killed before its switch)", [1, 2], null, [1, 2]),
    ];

    [Theory]
    [MemberData(nameof(StaleRows))]
    public void Stale_generations(StaleCase row) => Assert.Equal(row.Expected, GenerationNames.Stale(row.Complete, row.Current));

    [Theory]
    [InlineData(".bin-3", true)]
    [InlineData(".current-3", true)]
    [InlineData(".bin-", false)]
    [InlineData("current", false)]
    [InlineData(".current-x", false)]
    public void The_links_renamed_over_bin_and_current_are_recognised_when_a_kill_left_them(string name, bool expected) => Assert.Equal(expected, GenerationNames.IsSwitchLink(name));

    [Theory]
    [InlineData("_bin", "current/_bin", true)]
    [InlineData("_bin", "current/bin", false)]
    [InlineData("_bin", "/abs/current/_bin", false)]
    [InlineData("_bin", null, false)]
    [InlineData("bin", "generations/2/bin", true)]
    [InlineData("bin", "current/bin", true)]
    [InlineData("bin", "generations/2", false)]
    [InlineData("current", "bin/..", true)]
    [InlineData("current", "generations/2", true)]
    [InlineData("current", "elsewhere", false)]
    public void A_stable_link_is_the_switch_the_current_link_or_one_to_the_same_name_in_current(string name, string? target, bool expected) => Assert.Equal(expected, GenerationNames.IsStableLink(name, target));
}
