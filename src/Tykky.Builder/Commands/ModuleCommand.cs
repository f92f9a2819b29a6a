using System.CommandLine;
using Tykky.Builder.Modules;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary><c>tykky module DIR|NAME --into TREE</c>: copies an installation's module files into a site module tree.</summary>
public static class ModuleCommand
{
    /// <summary>The subcommand's name.</summary>
    public const string Name = "module";

    /// <summary>Adds the argument, options and action to <paramref name="command"/>.</summary>
    public static Command Configure(Command command, BuildServices services) =>
        InstallationIntoCommand.Configure(command, services, "Copy an installation's module files (Lmod .lua and Environment Modules Tcl) into a site module tree",
            "The module tree to copy into (a directory given to 'module use')", (prefix, siteTree) =>
            {
                var module = ModuleCopy.Into(prefix, siteTree);
                return $"Copied module {module} into {siteTree}; to use it: module use {siteTree}; module load {module}";
            });
}
