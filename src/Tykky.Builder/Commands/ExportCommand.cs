using System.CommandLine;
using Tykky.Builder.Inspection;
using Tykky.Builder.Locks;
using Tykky.Builder.Processes;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary><c>tykky export DIR|NAME --into OUT</c>: writes the locks of an installation into a directory a build reproduces it from.</summary>
public static class ExportCommand
{
    /// <summary>The subcommand's name.</summary>
    public const string Name = "export";

    /// <summary>Adds the argument, options and action to <paramref name="command"/>.</summary>
    public static Command Configure(Command command, BuildServices services)
    {
        command.Description = "Write an installation's locks (hashed pip requirements or conda explicit spec, configuration, container digest, tool version) into a directory; '<frontend> new --prefix NEW OUT' builds it again";
        var target = new Argument<string>("DIR") { Description = "The installation's directory (its --prefix), or its name on TYKKY_PATH" };
        var into = new Option<string>("--into") { Description = "The directory to write (new or empty)", Required = true };
        command.Arguments.Add(target);
        command.Options.Add(into);
        command.SetAction(result =>
        {
            try
            {
                var output = Path.GetFullPath(result.GetValue(into)!);
                var runner = new ToolRunner(services.Reporter, services.Cancellation);
                var sha256sum = ExecutableSearch.Find("sha256sum", services.Environment("PATH"));
                string Digest(IReadOnlyList<string> files) => sha256sum is null
                    ? throw new BuildException("sha256sum not found on PATH (it gives the container's digest); install coreutils")
                    : runner.Capture(new ToolCommand("computing the container's SHA-256", [sha256sum, .. files]));
                foreach (var warning in InstallationExport.Write(InstallationFinder.Require(result.GetValue(target)!, services.Environment), output, Digest))
                {
                    services.Reporter.Warning(warning);
                }
                services.Reporter.Info($"Exported into {output}; to build it again: pip-containerize new --prefix NEW {output} (conda-containerize for a conda installation)");
                return 0;
            }
            catch (BuildException e)
            {
                services.Reporter.Error(e.Message);
                return 1;
            }
        });
        return command;
    }
}
