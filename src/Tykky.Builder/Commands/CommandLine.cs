using System.CommandLine;
using System.CommandLine.Parsing;
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
        [WrapContainerCommand.Name] = WrapContainerCommand.Configure,
        [WrapInstallCommand.Name] = WrapInstallCommand.Configure,
        [PipContainerizeCommand.Name] = PipContainerizeCommand.Configure,
        [CondaContainerizeCommand.Name] = CondaContainerizeCommand.Configure,
        [SpackContainerizeCommand.Name] = SpackContainerizeCommand.Configure,
    };

    /// <summary>Subcommands of <c>tykky</c> only (no multi-call names): inspecting installations and the host.</summary>
    private static readonly Dictionary<string, Func<Command, BuildServices, Command>> Inspections = new(StringComparer.Ordinal)
    {
        [InfoCommand.Name] = InfoCommand.Configure,
        [ListCommand.Name] = ListCommand.Configure,
        [DoctorCommand.Name] = DoctorCommand.Configure,
        [ModuleCommand.Name] = ModuleCommand.Configure,
        [ExportCommand.Name] = ExportCommand.Configure,
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
        var command = result.CommandResult.Command == root ? invokedAs : $"{invokedAs} {result.CommandResult.Command.Name}";
        // System.CommandLine takes an unknown "--option" for a positional value; name it as what it is.
        if (result.Tokens.FirstOrDefault(t => t.Type == TokenType.Argument && t.Value.Length > 1 && t.Value.StartsWith('-')) is { } unknown)
        {
            services.Reporter.Error($"Unknown option '{unknown.Value}' (see '{command} --help')");
            return 2;
        }
        if (result.Errors.Count > 0)
        {
            // One line: the first error is the cause; later ones follow from it.
            services.Reporter.Error($"{result.Errors[0].Message.TrimEnd('.')} (see '{command} --help')");
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
        foreach (var (name, configureSubcommand) in Frontends.Concat(Inspections))
        {
            tykky.Subcommands.Add(configureSubcommand(new Command(name), services));
        }
        return tykky;
    }
}
