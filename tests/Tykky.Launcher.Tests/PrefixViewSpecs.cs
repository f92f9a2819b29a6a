using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Planning;
using Tykky.Launcher.Tests.Fixtures;
using static Tykky.Launcher.Tests.Fixtures.Launches;

namespace Tykky.Launcher.Tests;

/// <summary>When a bubblewrap sandbox shows the prefix as a view, and which generation it shows.</summary>
public class PrefixViewSpecs
{
    private const string Generation = $"{Prefix}/generations/2";

    private static WrapperInvocation GenerationalCall() => CallIn(Generation) with { StablePrefix = Prefix };

    private static PrefixView? ViewOf(LaunchContext context) => PrefixView.For(context, BindPlanner.Plan(context).Mounts);

    [Fact]
    public void A_generational_installation_under_bubblewrap_shows_the_prefix_as_a_view_of_its_own_generation()
    {
        var view = ViewOf(Context(call: GenerationalCall()));

        Assert.Equal(new PrefixView(Prefix, "generations/2"), view);
    }

    [Fact]
    public void The_inner_step_and_the_keeper_set_the_same_view_up()
    {
        var context = Context(Launches.Manifest() with { SharedMount = new SharedMountSpec { IdleSeconds = 60 } },
            host: Launches.Host() with { UserId = 1000, WorkingDirectory = "/home/user", ImageIdentity = "1:1" }, call: GenerationalCall());

        var plan = ExecPlanner.Plan(context);

        Assert.Contains("--prefix-view", plan.Launch.Arguments);
        var keeperArguments = plan.SharedMount!.KeeperStart.Arguments;
        Assert.Equal([Prefix, "generations/2"], keeperArguments.SkipWhile(a => a != "/LOCAL_TYKKY/.tykky/installation-id").Skip(1).Take(2));
    }

    [Fact]
    public void The_view_binds_the_generations_programs_over_its_bin_so_bubblewrap_does_not()
    {
        var context = Context(Launches.Manifest() with { SharedMount = new SharedMountSpec { IdleSeconds = 60 } },
            host: Launches.Host() with { UserId = 1000, WorkingDirectory = "/home/user", ImageIdentity = "1:1" }, call: GenerationalCall());

        var plan = ExecPlanner.Plan(context);

        Assert.Equal($"{Generation}/bin", ViewOf(context)!.Programs);
        Assert.DoesNotContain($"{Generation}/bin", plan.Launch.Arguments);
        Assert.DoesNotContain($"{Generation}/bin", plan.SharedMount!.KeeperStart.Arguments);
        Assert.Contains($"{Generation}/_bin", BindPlanner.Plan(context).Mounts.Select(m => (m as BindMount)?.Source));
    }

    [Fact]
    public void Without_a_view_the_runtime_makes_every_planned_mount()
    {
        var mounts = BindPlanner.Plan(Context()).Mounts;

        Assert.Same(mounts, PrefixView.MountsForRuntime(mounts, null));
    }

    public sealed record NoView(string Name)
    {
        internal Func<LaunchContext> Context { get; init; } = () => Launches.Context();

        public override string ToString() => Name;
    }

    public static TheoryData<NoView> NoViewRows() =>
    [
        new("The flat layout has no links to shorten") { Context = () => Context() },
        new("Apptainer binds the prefix as it is") { Context = () => Context(Launches.Manifest() with { Runtime = new RuntimeSpec { Kind = RuntimeKind.Apptainer, Executable = "/usr/bin/apptainer" } }, call: GenerationalCall()) },
        new("An isolated installation shows only its mount points") { Context = () => Context(Launches.Manifest() with { Isolate = true, Container = new ContainerSpec { Path = "c.sif" } }, call: GenerationalCall()) },
        new("A CW_EXTRA_BIND_MOUNTS destination in the prefix would be hidden by the view")
        {
            Context = () => Context(environment: [.. CallerEnvironment, $"CW_EXTRA_BIND_MOUNTS=/data:{Prefix}/data"], host: Launches.Host() with { ExistingPaths = new HashSet<string> { "/data" } }, call: GenerationalCall()),
        },
        new("An image mounted in the prefix would be hidden by the view") { Context = () => Context(Launches.Manifest() with { InstallationPath = $"{Prefix}/inside" }, call: GenerationalCall()) },
    ];

    [Theory]
    [MemberData(nameof(NoViewRows))]
    public void These_launches_show_the_host_prefix(NoView row) => Assert.Null(ViewOf(row.Context()));
}
