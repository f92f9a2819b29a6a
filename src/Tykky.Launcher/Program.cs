using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Host;
using Tykky.Launcher.Inner;
using Tykky.Launcher.Keeper;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher;

/// <summary>
/// The launcher: every wrapper in <c>&lt;prefix&gt;/bin</c> is a hard link of it (or a symlink to it). Main only gathers,
/// plans and execs; it never forks managed code and writes nothing on success.
/// </summary>
internal static class Program
{
    private static int Main()
    {
        try
        {
            var start = ProcessStart.Read();
            var plan = PlanFor(start);
            ProcessImage.Replace(plan.SharedMount is { } shared && KeeperRegistry.TryJoin(shared) is { } joined ? joined : plan);
        }
        catch (LaunchException failure)
        {
            Fatal.Exit(failure);
        }
        catch (Exception bug) when (bug is not OutOfMemoryException)
        {
            // No stack trace for users; TYKKY_DEBUG=1 shows the exception.
            Fatal.WriteLine(System.Environment.GetEnvironmentVariable("TYKKY_DEBUG") == "1" ? bug.ToString() : $"tykky: internal error: {bug.Message} (set TYKKY_DEBUG=1 for details)");
            return (int)ExitCode.Software;
        }
        return (int)ExitCode.CannotExecute;
    }

    private static ExecPlan PlanFor(ProcessStart start) =>
        WrapperLocator.Locate(start.Argv, start.Environment.Get(EnvironmentNames.Path), start.WorkingDirectory, PosixFiles.ReadLink("/proc/self/exe")) switch
        {
            WrapperInvocation call => PlanWrapperCall(call, start),
            DirectInvocation { Arguments: [InnerStepRequest.Marker, ..] } direct => InnerStep.Prepare(direct.Arguments, start.Environment),
            DirectInvocation { Arguments: [KeeperRequest.Marker, ..] } direct => KeeperProcess.Run(direct.Arguments, start.Environment),
            // a link that leads here but lies in no installation's bin/: the manifest is gone
            DirectInvocation direct when PosixFiles.ReadLink(direct.LauncherPath) is not null => throw new LaunchException(
                "no installation manifest for the wrapper", direct.LauncherPath,
                $"expected {InstallationLayout.ManifestFileName} in the directory above its bin/; the installation is incomplete, rebuild it", ExitCode.Config),
            DirectInvocation direct => throw new LaunchException("this is the Tykky launcher", direct.LauncherPath,
                "run the installation's programs through the links in <prefix>/bin", ExitCode.Usage),
            _ => throw new System.Diagnostics.UnreachableException("invocation kind"),
        };

    private static ExecPlan PlanWrapperCall(WrapperInvocation call, ProcessStart start)
    {
        (call, var manifest) = ManifestSource.Read(call, start.Environment);
        // the working directory was named once at start (the shell's $PWD when it names it)
        var host = HostProbe.Gather(call, manifest, start.Environment) with { ClosedStandardDescriptors = start.ClosedStandardDescriptors, WorkingDirectory = start.WorkingDirectory };
        return ExecPlanner.Plan(new LaunchContext(call, manifest, start.Environment, host));
    }
}
