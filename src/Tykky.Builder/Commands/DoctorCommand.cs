using System.CommandLine;
using Tykky.Builder.Inspection;
using Tykky.Builder.Processes;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary>
/// <c>tykky doctor [--json]</c>: can this host build and run installations? One line per check with a
/// fix; exit status 1 when a needed check fails (SPEC §8).
/// </summary>
public static class DoctorCommand
{
    /// <summary>The subcommand's name.</summary>
    public const string Name = "doctor";

    /// <summary>Adds the options and action to <paramref name="command"/>.</summary>
    public static Command Configure(Command command, BuildServices services)
    {
        command.Description = "Check this host: runtime, user namespaces, FUSE, squashfs tools, loop devices; exits 1 when something needed fails";
        var json = InspectionOutput.JsonOption();
        command.Options.Add(json);
        command.SetAction(result => InspectionOutput.Print(services, result.GetValue(json), () => Diagnose(services),
            InspectionJsonContext.Default.DoctorReport, InspectionText.Doctor, report => report.Healthy ? 0 : 1));
        return command;
    }

    private static DoctorReport Diagnose(BuildServices services)
    {
        var siteConfig = services.Environment("CW_GLOBAL_YAML") ?? services.Tool.DefaultSiteConfig;
        var facts = DoctorProbe.Gather(siteConfig, services.Environment, new ToolRunner(services.Reporter, services.Cancellation));
        return DoctorChecks.Evaluate(facts);
    }
}
