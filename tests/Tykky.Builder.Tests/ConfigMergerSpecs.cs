using Tykky.Builder.Config;
using static Tykky.Builder.Tests.Fixtures.Configs;

namespace Tykky.Builder.Tests;

/// <summary>
/// Site config + user settings, in upstream construct.py's order: defaults, prepends (replacing the
/// default), the user's keys (after a prepended list), appends, force.
/// </summary>
public class ConfigMergerSpecs
{
    public sealed record Case(string Name, string Site, string User, string Expected)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Rows() =>
    [
        new("Defaults apply when the user says nothing", "defaults: {a: 1, b: [x]}", "", "a: 1; b: [x]"),
        new("A user value replaces the default, keeping its place", "defaults: {a: 1, b: 2}", "a: 9", "a: 9; b: 2"),
        new("User keys the site does not know are added after the defaults", "defaults: {a: 1}", "z: 26\ny: 25", "a: 1; z: 26; y: 25"),
        new("force wins over the default and the user", "defaults: {a: 1}\nforce: {a: 3}", "a: 2", "a: 3"),
        new("force adds keys nobody set", "force: {max_num_cpus: 8}", "a: 1", "a: 1; max_num_cpus: 8"),
        new("A prepended list comes before the user's list", "prepends: {mount_points: [/appl]}", "mount_points: [/scratch, /flash]", "mount_points: [/appl, /scratch, /flash]"),
        // As upstream: full_conf[k] = prepends[k] before the user's keys, so the default is gone.
        new("A prepended list replaces the default list", "defaults: {mount_points: [/tmp]}\nprepends: {mount_points: [/appl]}", "", "mount_points: [/appl]"),
        new("A prepended list and the user's list both replace the default", "defaults: {mount_points: [/tmp]}\nprepends: {mount_points: [/appl]}", "mount_points: [/home]", "mount_points: [/appl, /home]"),
        new("An appended list comes after the user's list", "appends: {mount_points: [/flash]}", "mount_points: [/scratch]", "mount_points: [/scratch, /flash]"),
        new("An appended list comes after the default when the user says nothing", "defaults: {mount_points: [/tmp]}\nappends: {mount_points: [/flash]}", "", "mount_points: [/tmp, /flash]"),
        new("An appended key nobody set is the appended list", "appends: {mount_points: [/flash]}", "", "mount_points: [/flash]"),
        new("prepends and appends surround the user's list", "prepends: {p: [first]}\nappends: {p: [last]}", "p: [mine]", "p: [first, mine, last]"),
        new("A single user value joins a prepended list as one item", "prepends: {p: [a]}", "p: b", "p: [a, b]"),
        new("A single default joins an appended list as one item", "defaults: {p: a}\nappends: {p: [b]}", "", "p: [a, b]"),
        new("An empty user value adds nothing to a prepended list", "prepends: {p: [a]}", "p:", "p: [a]"),
        new("Maps in lists (snippets) are concatenated as items", "prepends: {post_install: [{file: /site.sh}]}", "post_install: [echo hi]", "post_install: [{file: /site.sh}, echo hi]"),
        new("force replaces a combined list", "prepends: {p: [a]}\nappends: {p: [c]}\nforce: {p: [z]}", "p: [b]", "p: [z]"),
        new("Empty sections change nothing", "defaults:\nforce:\nprepends:\nappends:", "a: 1", "a: 1"),
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Merge_matches_the_row(Case row)
    {
        var merged = ConfigMerger.Merge(Site(row.Site), Yaml(row.User));

        Assert.Equal(row.Expected, Render(merged));
    }

    [Fact]
    public void Merging_changes_neither_input()
    {
        // Arrange
        var site = Site("defaults: {a: 1}\nprepends: {p: [x]}\nforce: {f: 1}");
        var user = Yaml("p: [y]\na: 2");

        // Act
        _ = ConfigMerger.Merge(site, user);

        // Assert
        Assert.Equal("a: 1", Render(site.Defaults));
        Assert.Equal("p: [x]", Render(site.Prepends));
        Assert.Equal("p: [y]; a: 2", Render(user));
    }
}
