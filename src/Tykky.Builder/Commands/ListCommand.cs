using System.CommandLine;
using Tykky.Builder.Inspection;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary><c>tykky list [--json]</c>: the installations on TYKKY_PATH (default ~/.tykky), the names <c>tykky activate</c> takes.</summary>
public static class ListCommand
{
    /// <summary>The subcommand's name.</summary>
    public const string Name = "list";

    /// <summary>Adds the options and action to <paramref name="command"/>.</summary>
    public static Command Configure(Command command, BuildServices services)
    {
        command.Description = "List the installations on TYKKY_PATH (default ~/.tykky) and their runtimes";
        var json = InspectionOutput.JsonOption();
        command.Options.Add(json);
        command.SetAction(result => InspectionOutput.Print(services, result.GetValue(json), () => List(services.Environment),
            InspectionJsonContext.Default.InstallationList, InspectionText.List, _ => 0));
        return command;
    }

    private static InstallationList List(Func<string, string?> environment)
    {
        var searchPath = InstallationFinder.SearchPath(environment);
        var inspector = new InstallationInspector(unsquashfs: null);
        var installations = InstallationFinder.FindAll(searchPath).Select(found =>
        {
            try
            {
                var info = inspector.Inspect(found.Prefix);
                return new InstallationSummary(found.Name, found.Prefix, found.Maker, info.Runtime.Kind, info.Container?.Kind, info.Problems.FirstOrDefault());
            }
            catch (BuildException e)
            {
                return new InstallationSummary(found.Name, found.Prefix, found.Maker, null, null, e.Message);
            }
        }).ToArray();
        return new InstallationList(searchPath, searchPath.Where(d => !Directory.Exists(d)).ToArray(), installations);
    }
}
