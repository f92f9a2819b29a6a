using System.CommandLine;
using Tykky.Builder.Inspection;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary>What <c>tykky module</c> and <c>tykky export</c> share: <c>DIR|NAME --into TARGET</c>, an action on the installation, one [ ERROR ] line on failure.</summary>
public static class InstallationIntoCommand
{
    /// <summary>Sets up <paramref name="command"/>: <paramref name="act"/> gets the installation's prefix and the absolute target, and returns the line to print.</summary>
    public static Command Configure(Command command, BuildServices services, string description, string intoDescription, Func<string, string, string> act)
    {
        command.Description = description;
        var target = new Argument<string>("DIR") { Description = "The installation's directory (its --prefix), or its name on TYKKY_PATH" };
        var into = new Option<string>("--into") { Description = intoDescription, Required = true };
        command.Arguments.Add(target);
        command.Options.Add(into);
        command.SetAction(result =>
        {
            try
            {
                services.Reporter.Info(act(InstallationFinder.Require(result.GetValue(target)!, services.Environment), Path.GetFullPath(result.GetValue(into)!)));
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
