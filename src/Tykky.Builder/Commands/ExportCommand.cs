using System.CommandLine;
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
    public static Command Configure(Command command, BuildServices services) =>
        InstallationIntoCommand.Configure(command, services,
            "Write an installation's locks (hashed pip requirements or conda explicit spec, configuration, container digest, tool version) into a directory; '<frontend> new --prefix NEW OUT' builds it again",
            "The directory to write (new or empty)", (prefix, output) =>
            {
                var export = InstallationExport.Write(prefix, output, file => Sha256Of(services, file));
                foreach (var warning in export.Warnings)
                {
                    services.Reporter.Warning(warning);
                }
                return $"Exported into {output}; to build it again: {export.Frontend} new --prefix NEW {output}";
            });

    /// <summary>The SHA-256 of <paramref name="file"/> from coreutils' sha256sum (.NET's hashing loads OpenSSL, which a static binary cannot).</summary>
    private static string Sha256Of(BuildServices services, string file)
    {
        var sha256sum = ExecutableSearch.Find("sha256sum", services.Environment("PATH"))
            ?? throw new BuildException("sha256sum not found on PATH (it gives the container's digest); install coreutils");
        var output = new ToolRunner(services.Reporter, services.Cancellation).Capture(new ToolCommand($"computing the SHA-256 of {file}", [sha256sum, file]));
        return output.Split(' ', 2)[0];
    }
}
