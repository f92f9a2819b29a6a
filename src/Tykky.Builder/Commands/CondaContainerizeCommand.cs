using System.CommandLine;
using Tykky.Builder.Config;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary>
/// <c>conda-containerize new|update|advanced</c>: a Miniforge installation with one conda environment,
/// created inside the container (upstream frontends/conda-containerize.py, templates/conda.sh).
/// </summary>
public static class CondaContainerizeCommand
{
    /// <summary>The frontend's name.</summary>
    public const string Name = "conda-containerize";

    /// <summary>The configuration mode of its installations.</summary>
    private const string Mode = "conda";

    /// <summary>Adds the subcommands to <paramref name="command"/>.</summary>
    public static Command Configure(Command command, BuildServices services)
    {
        command.Description = "Create or update a conda environment installation inside a container";
        command.Subcommands.Add(New(services));
        command.Subcommands.Add(Update(services));
        PackageRequests.AddAdvanced(command, services, Mode, Name);
        return command;
    }

    private static Command New(BuildServices services)
    {
        var command = new Command("new", "Create a new installation");
        var common = new CommonOptions();
        var envFile = new Argument<string>("ENV_FILE") { Description = "conda environment file (.yml/.yaml) or explicit spec (.txt)" };
        var mamba = new Option<bool>("--mamba") { Description = "Use mamba instead of conda" };
        var uv = new Option<bool>("--uv") { Description = "Use uv for pip packages (needs --mamba)" };
        var requirements = RequirementOption();
        var noCache = PipContainerizeCommand.NoCacheOption();
        command.Arguments.Add(envFile);
        CommonOptions.AddTo(command, common.Prefix, mamba, uv, requirements, noCache, common.PreInstall, common.PostInstall, common.Environ, common.WrapperPaths);
        command.SetAction(result => new InstallationBuild(services).Run(() =>
        {
            var file = Path.GetFullPath(result.GetValue(envFile)!);
            if (!File.Exists(file))
            {
                throw new BuildException($"Conda environment file '{result.GetValue(envFile)}' does not exist; give a .yml/.yaml environment file or an explicit spec .txt");
            }
            if (result.GetValue(uv) && !result.GetValue(mamba))
            {
                throw new BuildException("--uv works only with --mamba; add --mamba");
            }
            var user = ConfigMap.Empty("command line")
                .With("mode", new ConfigScalar(Mode, Name))
                .With("update_installation", new ConfigScalar("no", Name))
                .With("add_ld", new ConfigScalar("no", Name)) // upstream: conda environments set their own library paths
                .With("env_file", new ConfigScalar(file, "ENV_FILE"));
            user = PackageRequests.WithFlag(user, "mamba", result.GetValue(mamba), "--mamba");
            user = PackageRequests.WithFlag(user, "use_uv", result.GetValue(uv), "--uv");
            var inputs = new List<string> { file };
            user = WithRequirementsAndCache(result, user, requirements, noCache, inputs);
            return new BuildRequest(common.Apply(result, user, inputs), inputs, IsUpdate: false);
        }));
        return command;
    }

    private static Command Update(BuildServices services)
    {
        var command = new Command("update", "Update an existing installation: install pip requirements or run a post-install script in its environment");
        var common = new CommonOptions();
        var directory = new Argument<string>("DIR") { Description = "The installation to update (its prefix)" };
        var requirements = RequirementOption();
        var noCache = PipContainerizeCommand.NoCacheOption();
        command.Arguments.Add(directory);
        CommonOptions.AddTo(command, requirements, noCache, common.PreInstall, common.PostInstall, common.Environ, common.WrapperPaths);
        command.SetAction(result => new InstallationBuild(services).Run(() =>
        {
            var inputs = new List<string>();
            var user = WithRequirementsAndCache(result, PackageRequests.ForUpdate(result.GetValue(directory)!, Mode, Name), requirements, noCache, inputs);
            return new BuildRequest(common.Apply(result, user, inputs), inputs, IsUpdate: true);
        }));
        return command;
    }

    private static Option<string> RequirementOption() => new("--requirement", "-r") { Description = "pip requirements file installed into the environment" };

    private static ConfigMap WithRequirementsAndCache(ParseResult result, ConfigMap user, Option<string> requirements, Option<bool> noCache, List<string> inputs)
    {
        if (result.GetValue(requirements) is { } given)
        {
            var file = Path.GetFullPath(given);
            if (!File.Exists(file))
            {
                throw new BuildException($"Requirements file '{given}' (-r) does not exist; give the path of a pip requirements file");
            }
            user = user.With("requirements_file", new ConfigScalar(file, "-r"));
            inputs.Add(file);
        }
        return result.GetValue(noCache) ? user.With("pipcache", new ConfigScalar("no", "--nocache")) : user;
    }
}
