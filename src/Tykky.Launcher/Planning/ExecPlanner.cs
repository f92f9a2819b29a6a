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
            $"'{context.Call.Prefix}' cannot run inside that container; rebuild one of the two with 'composable: true'", ExitCode.Config),
        MountState.NotMounted => PlanThroughRuntime(context),
    };

    /// <summary>Already inside this installation's container: run the program directly, environment untouched.</summary>
    private static ExecPlan PlanInside(LaunchContext context) =>
        new(ProgramToRun(context), context.Environment.ToEntries(), []);

    private static ExecPlan PlanThroughRuntime(LaunchContext context)
    {
        var manifest = context.Manifest;
        var mountPlan = BindPlanner.Plan(context);
        var environment = EnvironmentPlanner.Apply(EnvironmentPlanner.WithoutStaleRuntimeState(context.Environment), manifest.Environment);
        var launcher = PathText.Join(context.Call.Prefix, InstallationLayout.LauncherFileName);
        var launch = manifest.Runtime.Kind switch
        {
            RuntimeKind.Bwrap => BwrapCommand.Launch(manifest.Runtime, launcher, mountPlan.Mounts, ProgramToRun(context)),
            RuntimeKind.Apptainer or RuntimeKind.Singularity => throw new LaunchException("runtime not supported by this launcher", manifest.Runtime.Executable,
                "this launcher supports bwrap only; rebuild with 'runtime: bwrap'", ExitCode.Config),
        };
        return new ExecPlan(launch, environment.ToEntries(), mountPlan.Warnings);
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
            _ => new ProgramLaunch(new ProgramPath(context.Host.ProgramTarget ?? throw MissingProgramLink(call)), call.InvokedAs, call.Arguments),
        };
    }

    private static LaunchException MissingProgramLink(WrapperInvocation call) =>
        new("wrapper has no program link", PathText.Join(call.Prefix, $"{InstallationLayout.RealBinDirectory}/{call.ProgramName}"),
            "the installation is incomplete; rebuild it", ExitCode.Config);
}
