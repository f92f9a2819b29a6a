using System.CommandLine;
using Tykky.Builder.Inspection;
using Tykky.Builder.Processes;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary><c>tykky info DIR|NAME [--json]</c>: what an installation holds (SPEC §8), also one made by upstream's bash Tykky.</summary>
public static class InfoCommand
{
    /// <summary>The subcommand's name.</summary>
    public const string Name = "info";

    /// <summary>Adds the argument, options and action to <paramref name="command"/>.</summary>
    public static Command Configure(Command command, BuildServices services)
    {
        command.Description = "Show an installation: runtime, container, image (size, entries), wrappers, effective configuration, build inputs";
        var target = new Argument<string>("DIR") { Description = "The installation's directory (its --prefix), or its name on TYKKY_PATH" };
        var json = InspectionOutput.JsonOption();
        command.Arguments.Add(target);
        command.Options.Add(json);
        command.SetAction(result => InspectionOutput.Print(services, result.GetValue(json), () => Inspect(services, result.GetValue(target)!),
            InspectionJsonContext.Default.InstallationInfo, InspectionText.Info, _ => 0));
        return command;
    }

    private static InstallationInfo Inspect(BuildServices services, string target)
    {
        var prefix = InstallationFinder.Require(target, services.Environment);
        var unsquashfsPath = ExecutableSearch.Find("unsquashfs", services.Environment("PATH"));
        var unsquashfs = unsquashfsPath is null ? null : new Unsquashfs(new ToolRunner(services.Reporter, services.Cancellation), unsquashfsPath);
        return new InstallationInspector(unsquashfs).Inspect(prefix);
    }
}
