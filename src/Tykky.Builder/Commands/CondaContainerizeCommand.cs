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
    public static Command Configure(Command command, BuildServices services) =>
        PackageRequests.Configure(command, services, "Create or update a conda environment installation inside a container", Mode, Name, New(services), PackageRequests.Requirements(RequirementOption()));

    private static Command New(BuildServices services)
    {
        var command = new Command("new", "Create a new installation");
        var common = new CommonOptions();
        var envFile = new Argument<string>("ENV_FILE") { Description = "conda environment file (.yml/.yaml), conda-lock file (conda-lock.yml), explicit spec (.txt), or a directory written by 'tykky export'" };
        var mamba = new Option<bool>("--mamba") { Description = "Use mamba instead of conda" };
        var uv = new Option<bool>("--uv") { Description = "Use uv for pip packages (needs --mamba)" };
        var requirements = RequirementOption();
        var noCache = PackageRequests.NoCacheOption();
        command.Arguments.Add(envFile);
        CommonOptions.AddTo(command, common.Prefix, mamba, uv, requirements, noCache, common.PreInstall, common.PostInstall, common.Environ, common.WrapperPaths);
        command.SetAction(result => new InstallationBuild(services).Run(() =>
        {
            if (PackageRequests.FromExport(result.GetValue(envFile)!, Mode, Name) is { } exported)
            {
                return new BuildRequest(common.Apply(result, exported.User, exported.Inputs), exported.Inputs, IsUpdate: false);
            }
            var file = UserPaths.Absolute(result.GetValue(envFile)!, "Conda environment file (ENV_FILE)");
            if (UserPaths.FileProblem(file) is { } problem)
            {
                throw new BuildException($"Conda environment file '{result.GetValue(envFile)}' {problem}; give a .yml/.yaml environment file or an explicit spec .txt");
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
            user = PackageRequests.WithRequirementsAndCache(result, user, requirements, noCache, inputs);
            return new BuildRequest(common.Apply(result, user, inputs), inputs, IsUpdate: false);
        }));
        return command;
    }

    private static Option<string> RequirementOption() => new("--requirement", "-r") { Description = "pip requirements file installed into the environment" };
}
