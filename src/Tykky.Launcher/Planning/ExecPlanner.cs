using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;

namespace Tykky.Launcher.Planning;

/// <summary>
/// Decides the exec of a wrapper call. Pure: everything it needs is in the <see cref="LaunchContext"/>,
/// so every decision is table-tested without a runtime.
/// </summary>
internal static class ExecPlanner
{
    /// <summary>Plans the exec for a wrapper call.</summary>
    public static ExecPlan Plan(LaunchContext context) => context.Host.InstallationMount switch
    {
        MountState.Ours => PlanInside(context),
        MountState.Other => throw new LaunchException("another installation is mounted at this installation's path", context.Manifest.InstallationPath,
            $"'{context.Call.StablePrefix}' cannot run inside that container; rebuild one of the two with 'composable: true'", ExitCode.Config),
        MountState.NotMounted when context.Host.EnclosingContainer is { } enclosing => PlanInsideAnotherContainer(context, enclosing),
        MountState.NotMounted => PlanThroughRuntime(context),
    };

    /// <summary>
    /// Inside an apptainer container that does not have this installation mounted. An image-less
    /// installation (wrap-container) whose own container this is runs directly; bubblewrap can nest;
    /// apptainer cannot, so that is an error naming both images (upstream: "wrapper called from another container").
    /// </summary>
    private static ExecPlan PlanInsideAnotherContainer(LaunchContext context, string enclosing)
    {
        var manifest = context.Manifest;
        if (manifest.Image is null && context.Host.EnclosingContainerIsOurs)
        {
            return PlanInside(context);
        }
        if (manifest.Runtime.Kind == RuntimeKind.Bwrap)
        {
            return PlanThroughRuntime(context);
        }
        var own = manifest.Container is { } container ? BindPlanner.InPrefix(context.Call.Prefix, container.Path) : context.Call.Prefix;
        throw new LaunchException("wrapper called from another container", enclosing,
            $"this installation runs in '{own}'; call it from outside, or mount its image there with CW_EXTRA_BIND_MOUNTS", ExitCode.Config);
    }

    /// <summary>Already inside this installation's container: run the program directly, environment untouched.</summary>
    private static ExecPlan PlanInside(LaunchContext context) =>
        new(WithCallersDescriptors(context, ProgramToRun(context)), context.Environment.ToEntries(), []);

    private static ExecPlan PlanThroughRuntime(LaunchContext context)
    {
        var changes = CondaActivationPlanner.Changes(context);
        var passed = EnvironmentPlanner.PassedVariables(changes);
        var cleaned = EnvironmentPlanner.WithoutStaleRuntimeState(context.Environment, passed);
        var inside = EnvironmentPlanner.Inside(context, cleaned, changes);
        var mountPlan = BindPlanner.Plan(context);
        var program = WithCallersDescriptors(context, CondaActivationPlanner.Wrap(context, ProgramToRun(context)));
        return context.Manifest.Runtime.Kind switch
        {
            RuntimeKind.Bwrap => PlanBwrap(context, mountPlan, inside.ToEntries(), program),
            RuntimeKind.Apptainer or RuntimeKind.Singularity =>
                ApptainerCommand.Plan(context, mountPlan, EnvironmentPlanner.Apply(cleaned, changes), inside, passed, program),
        };
    }

    /// <summary>
    /// bubblewrap passes its environment on unchanged: it is the one the program sees, in its own
    /// sandbox or joined. Both sandboxes show the prefix as the same view.
    /// </summary>
    private static ExecPlan PlanBwrap(LaunchContext context, MountPlan mountPlan, IReadOnlyList<string> environment, ProgramLaunch program)
    {
        var view = PrefixView.For(context, mountPlan.Mounts);
        return new(BwrapCommand.Launch(context, mountPlan.Mounts, view, program), environment, mountPlan.Warnings)
        {
            SharedMount = SharedMountPlanner.Plan(context, mountPlan.Mounts, view, environment, program, mountPlan.Warnings),
        };
    }

    /// <summary>The program the wrapper stands for, with its argv (SPEC §5 step 1).</summary>
    private static ProgramLaunch ProgramToRun(LaunchContext context)
    {
        var call = context.Call;
        return call.ProgramName switch
        {
            InstallationLayout.DebugShell => new ProgramLaunch(new CommandSearch(["bash", "sh"]), null, call.Arguments),
            InstallationLayout.DebugExec when call.Arguments.Count == 0 => throw new LaunchException("nothing to run", call.InvokedAs,
                "usage: _debug_exec COMMAND [ARGUMENTS...]", ExitCode.Usage),
            InstallationLayout.DebugExec => new ProgramLaunch(new CommandSearch([call.Arguments[0]]), null, call.Arguments.Skip(1).ToArray()),
            _ => new ProgramLaunch(new ProgramPath(context.Manifest.Programs.GetValueOrDefault(call.ProgramName) ?? throw UnknownProgram(call)), call.InvokedAs, call.Arguments),
        };
    }

    /// <summary>The program gets back the fds 0-2 its caller had closed (closed), whatever the launcher needed in between.</summary>
    private static ProgramLaunch WithCallersDescriptors(LaunchContext context, ProgramLaunch program) =>
        program with { DescriptorsToClose = context.Host.ClosedStandardDescriptors };

    private static LaunchException UnknownProgram(WrapperInvocation call) =>
        new("the manifest names no program for the wrapper", PathText.Join(call.Prefix, $"{InstallationLayout.BinDirectory}/{call.ProgramName}"),
            "a link in bin/ that the builder did not write, or an incomplete installation; rebuild it", ExitCode.Config);
}
