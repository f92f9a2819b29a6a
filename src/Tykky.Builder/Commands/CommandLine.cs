using System.CommandLine;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary>
/// The builder is one multi-call binary: invoked as a frontend's name (a symlink) it is that frontend;
/// invoked as <c>tykky</c> the frontends are its subcommands. No arguments print help and exit 0;
/// a usage error prints one <c>[ ERROR ]</c> line and exits 2.
/// </summary>
public static class CommandLine
{
    private static readonly Dictionary<string, Func<Command, BuildServices, Command>> Frontends = new(StringComparer.Ordinal)
    {
        [WrapInstallCommand.Name] = WrapInstallCommand.Configure,
    };

    /// <summary>Runs the command line <paramref name="args"/> of the program invoked as <paramref name="invokedAs"/>.</summary>
    public static int Run(string invokedAs, string[] args, BuildServices services)
    {
        var root = RootFor(invokedAs, services);
        if (args.Length == 0)
        {
            return root.Parse(["--help"]).Invoke();
        }
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            var command = string.Join(' ', result.CommandResult.Command.Name == root.Name ? [invokedAs] : new[] { invokedAs, result.CommandResult.Command.Name });
            foreach (var error in result.Errors)
            {
                services.Reporter.Error($"{error.Message} (see '{command} --help')");
            }
            return 2;
        }
        return result.Invoke();
    }

    private static RootCommand RootFor(string invokedAs, BuildServices services)
    {
        if (Frontends.TryGetValue(invokedAs, out var configure))
        {
            var frontend = new RootCommand();
            configure(frontend, services);
            return frontend;
        }
        var tykky = new RootCommand("Tykky: install software into a squashfs image and use it through wrappers");
        foreach (var (name, configureSubcommand) in Frontends)
        {
            tykky.Subcommands.Add(configureSubcommand(new Command(name), services));
        }
        return tykky;
    }
}
