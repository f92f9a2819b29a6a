using System.CommandLine;
using Tykky.Builder.Config;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary>
/// <c>pip-containerize new|update|advanced</c>: a Python venv with the packages of a requirements file,
/// installed inside the container (upstream frontends/pip-containerize.py, templates/venv.sh, uvenv.sh).
/// </summary>
public static class PipContainerizeCommand
{
    /// <summary>The frontend's name.</summary>
    public const string Name = "pip-containerize";

    /// <summary>The configuration mode of its installations.</summary>
    private const string Mode = "venv";

    /// <summary>Adds the subcommands to <paramref name="command"/>.</summary>
    public static Command Configure(Command command, BuildServices services)
    {
        command.Description = "Create or update a Python venv installation inside a container, from a pip requirements file";
        command.Subcommands.Add(New(services));
        command.Subcommands.Add(Update(services));
        PackageRequests.AddAdvanced(command, services, Mode, Name);
        return command;
    }

    private static Command New(BuildServices services)
    {
        var command = new Command("new", "Create a new installation");
        var common = new CommonOptions();
        var requirements = new Argument<string>("REQ_FILE") { Description = "pip requirements file" };
        var slim = new Option<bool>("--slim") { Description = "Use a minimal python container (docker://python:PYVER-slim) and bind only mount_points (needs apptainer/singularity)" };
        var uv = new Option<bool>("--uv") { Description = "Use uv for the venv, a uv-managed Python of version --pyver, and the packages" };
        var pyver = new Option<string>("--pyver") { Description = $"Python version for --slim and --uv (default {PackageSettings.DefaultPythonVersion})" };
        var systemSite = new Option<bool>("--system-site-packages") { Description = "Give the venv access to the container's own site packages" };
        var noCache = NoCacheOption();
        command.Arguments.Add(requirements);
        CommonOptions.AddTo(command, common.Prefix, slim, uv, pyver, systemSite, noCache, common.PreInstall, common.PostInstall, common.Environ, common.WrapperPaths);
        command.SetAction(result => new InstallationBuild(services).Run(() =>
        {
            var file = RequirementsFile(result.GetValue(requirements)!);
            if (result.GetValue(pyver) is not null && !result.GetValue(slim) && !result.GetValue(uv))
            {
                throw new BuildException("--pyver chooses the Python of --slim or --uv; add one of them");
            }
            var user = ConfigMap.Empty("command line")
                .With("mode", new ConfigScalar(Mode, Name))
                .With("update_installation", new ConfigScalar("no", Name))
                .With("requirements_file", new ConfigScalar(file, "REQ_FILE"));
            user = result.GetValue(pyver) is { } version ? user.With("pyver", new ConfigScalar(version, "--pyver")) : user;
            if (result.GetValue(slim))
            {
                var tag = result.GetValue(pyver) ?? PackageSettings.DefaultPythonVersion;
                user = user.With("container_src", new ConfigScalar($"docker://python:{tag}-slim", "--slim")).With("isolate", new ConfigScalar("yes", "--slim"));
            }
            user = PackageRequests.WithFlag(user, "use_uv", result.GetValue(uv), "--uv");
            user = PackageRequests.WithFlag(user, "enable_site_packages", result.GetValue(systemSite), "--system-site-packages");
            user = result.GetValue(noCache) ? user.With("pipcache", new ConfigScalar("no", "--nocache")) : user;
            var inputs = new List<string> { file };
            return new BuildRequest(common.Apply(result, user, inputs), inputs, IsUpdate: false);
        }));
        return command;
    }

    private static Command Update(BuildServices services)
    {
        var command = new Command("update", "Update an existing installation: install more requirements or run a post-install script in it");
        var common = new CommonOptions();
        var directory = new Argument<string>("DIR") { Description = "The installation to update (its prefix)" };
        var requirements = new Option<string>("--requirements-file", "-r") { Description = "pip requirements file to install" };
        var noCache = NoCacheOption();
        command.Arguments.Add(directory);
        CommonOptions.AddTo(command, requirements, noCache, common.PreInstall, common.PostInstall, common.Environ, common.WrapperPaths);
        command.SetAction(result => new InstallationBuild(services).Run(() =>
        {
            var user = PackageRequests.ForUpdate(result.GetValue(directory)!, Mode, Name);
            var inputs = new List<string>();
            if (result.GetValue(requirements) is { } given)
            {
                var file = RequirementsFile(given);
                user = user.With("requirements_file", new ConfigScalar(file, "-r"));
                inputs.Add(file);
            }
            user = result.GetValue(noCache) ? user.With("pipcache", new ConfigScalar("no", "--nocache")) : user;
            return new BuildRequest(common.Apply(result, user, inputs), inputs, IsUpdate: true);
        }));
        return command;
    }

    /// <summary>--nocache: pip and uv do not use (or fill) their cache.</summary>
    internal static Option<bool> NoCacheOption() => new("--nocache") { Description = "Do not use or fill the pip/uv cache" };

    private static string RequirementsFile(string given)
    {
        var file = Path.GetFullPath(given);
        return File.Exists(file) ? file : throw new BuildException($"Requirements file '{given}' does not exist; give the path of a pip requirements file");
    }
}
