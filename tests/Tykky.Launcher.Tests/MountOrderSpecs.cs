using Tykky.Launcher.Host;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Tests;

/// <summary>
/// The mounts each runtime is given (issue #8.2): whatever the intent, the list must show the intended
/// mount at every path both when applied as bubblewrap does (in order, the last of a destination wins)
/// and as apptainer does (the first bind of a destination wins, later ones are dropped).
/// </summary>
public sealed class MountOrderSpecs
{
    public sealed record Case(string Name)
    {
        internal Mount[] Intended { get; init; } = [];

        internal Mount[] Expected { get; init; } = [];

        public override string ToString() => Name;
    }

    private static Case Row(string name, Mount[] intended, Mount[] expected) => new(name) { Intended = intended, Expected = expected };

    private static BindMount Bind(string source, string destination) => new(source, destination);

    public static TheoryData<Case> Rows() =>
    [
        Row("$TMPDIR bound over /tmp after the host's /tmp replaces it",
            [Bind("/etc", "/etc"), Bind("/tmp", "/tmp"), Bind("/usr", "/usr"), Bind("/local/job", "/local/job"), Bind("/local/job", "/tmp")],
            [Bind("/etc", "/etc"), Bind("/usr", "/usr"), Bind("/local/job", "/local/job"), Bind("/local/job", "/tmp")]),
        Row("A bind below a destination that a later mount replaces is hidden by it, so it goes",
            [Bind("/tmp", "/tmp"), Bind("/data", "/tmp/data"), Bind("/local/job", "/tmp")],
            [Bind("/local/job", "/tmp")]),
        Row("A bind below a later one at a sibling path stays",
            [Bind("/home", "/home"), Bind("/home/u/_bin", "/home/u/bin"), Bind("/data", "/data")],
            [Bind("/home", "/home"), Bind("/home/u/_bin", "/home/u/bin"), Bind("/data", "/data")]),
        Row("A container's /tmp under bubblewrap's fresh tmpfs, then a mount point /tmp: only the last stays",
            [Bind("/root/tmp", "/tmp"), new TmpfsMount("/tmp"), Bind("/tmp", "/tmp")],
            [Bind("/tmp", "/tmp")]),
        Row("An extra bind of an image path replaces the installation's own image there",
            [new ImageMount("/p/img.sqfs", "/LOCAL_TYKKY"), Bind("/p/_bin", "/p/bin"), Bind("/other", "/LOCAL_TYKKY")],
            [Bind("/p/_bin", "/p/bin"), Bind("/other", "/LOCAL_TYKKY")]),
        Row("A prefix-like path is not below its sibling (/tmpx is not in /tmp)",
            [Bind("/tmpx", "/tmpx"), Bind("/local/job", "/tmp")],
            [Bind("/tmpx", "/tmpx"), Bind("/local/job", "/tmp")]),
        Row("Nothing repeated: the list is kept as it is",
            [Bind("/etc", "/etc"), new LinkMount("usr/bin", "/bin"), Bind("/usr", "/usr"), new ImageMount("/p/img.sqfs", "/LOCAL_TYKKY")],
            [Bind("/etc", "/etc"), new LinkMount("usr/bin", "/bin"), Bind("/usr", "/usr"), new ImageMount("/p/img.sqfs", "/LOCAL_TYKKY")]),
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_runtime_gets_only_the_mounts_the_intent_leaves_visible(Case row) =>
        Assert.Equal(row.Expected, MountOrder.ForRuntime(row.Intended));

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_intended_mount_wins_at_every_path_under_first_wins_and_last_wins_alike(Case row)
    {
        // Arrange: every destination, and a path below each
        var given = MountOrder.ForRuntime(row.Intended);
        var probes = row.Intended.SelectMany(m => new[] { m.Destination, m.Destination + "/x" }).Distinct().ToArray();

        foreach (var probe in probes)
        {
            // Act
            var intended = Visible(row.Intended, probe);
            var underBwrap = Visible(given, probe);
            var underApptainer = Visible(FirstOfEachDestination(given), probe);

            // Assert
            Assert.Equal(intended, underBwrap);
            Assert.Equal(intended, underApptainer);
        }
    }

    [Fact]
    public void Without_it_apptainer_would_show_the_hosts_tmp_instead_of_TMPDIR()
    {
        Mount[] intended = [Bind("/tmp", "/tmp"), Bind("/local/job", "/tmp")];

        Assert.Equal(Bind("/tmp", "/tmp"), Visible(FirstOfEachDestination(intended), "/tmp/x"));
        Assert.Equal(Bind("/local/job", "/tmp"), Visible(FirstOfEachDestination(MountOrder.ForRuntime(intended)), "/tmp/x"));
    }

    /// <summary>What shows at <paramref name="path"/> once the mounts are applied in order: the last one covering it.</summary>
    private static Mount? Visible(IEnumerable<Mount> applied, string path) => applied.LastOrDefault(m => PathText.IsAtOrBelow(path, m.Destination));

    /// <summary>apptainer's rule: a bind whose destination is already in the mount list is dropped.</summary>
    private static IEnumerable<Mount> FirstOfEachDestination(IEnumerable<Mount> binds) => binds.DistinctBy(m => m.Destination);
}
