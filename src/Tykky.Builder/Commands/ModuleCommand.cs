using System.CommandLine;
using Tykky.Builder.Inspection;
using Tykky.Builder.Modules;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary><c>tykky module DIR|NAME --into TREE</c>: copies an installation's module files into a site module tree.</summary>
public static class ModuleCommand
{
    /// <summary>The subcommand's name.</summary>
    public const string Name = "module";

    /// <summary>Adds the argument, options and action to <paramref name="command"/>.</summary>
    public static Command Configure(Command command, BuildServices services)
    {
        command.Description = "Copy an installation's module files (Lmod .lua and Environment Modules Tcl) into a site module tree";
        var target = new Argument<string>("DIR") { Description = "The installation's directory (its --prefix), or its name on TYKKY_PATH" };
        var into = new Option<string>("--into") { Description = "The module tree to copy into (a directory given to 'module use')", Required = true };
        command.Arguments.Add(target);
        command.Options.Add(into);
        command.SetAction(result =>
        {
            try
            {
                var siteTree = Path.GetFullPath(result.GetValue(into)!);
                var module = ModuleCopy.Into(InstallationFinder.Require(result.GetValue(target)!, services.Environment), siteTree);
                services.Reporter.Info($"Copied module {module} into {siteTree}; to use it: module use {siteTree}; module load {module}");
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
