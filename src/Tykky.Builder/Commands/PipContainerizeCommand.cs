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
    public static Command Configure(Command command, BuildServices services) =>
        PackageRequests.Configure(command, services, "Create or update a Python venv installation inside a container, from a pip requirements file",
            Mode, Name, New(services), PackageRequests.Requirements(new Option<string>("--requirements-file", "-r") { Description = "pip requirements file to install" }));

    private static Command New(BuildServices services)
    {
        var command = new Command("new", "Create a new installation");
        var common = new CommonOptions();
        var requirements = new Argument<string>("REQ_FILE") { Description = "pip requirements file (with --hash entries: installed with --require-hashes), a pylock.toml, or a directory written by 'tykky export'" };
        var slim = new Option<bool>("--slim") { Description = "Use a minimal python container (docker://python:PYVER-slim) and bind only mount_points (apptainer/singularity pull it; with bwrap set container_src to a local python image)" };
        var uv = new Option<bool>("--uv") { Description = "Use uv for the venv, a uv-managed Python of version --pyver, and the packages" };
        var pyver = new Option<string>("--pyver") { Description = $"Python version for --slim and --uv (default {PackageSettings.DefaultPythonVersion})" };
        var systemSite = new Option<bool>("--system-site-packages") { Description = "Give the venv access to the container's own site packages" };
        var noCache = PackageRequests.NoCacheOption();
        command.Arguments.Add(requirements);
        CommonOptions.AddTo(command, common.Prefix, slim, uv, pyver, systemSite, noCache, common.PreInstall, common.PostInstall, common.Environ, common.WrapperPaths);
        command.SetAction(result => new InstallationBuild(services).Run(() =>
        {
            if (PackageRequests.FromExport(result.GetValue(requirements)!, Mode, Name) is { } exported)
            {
                return new BuildRequest(common.Apply(result, exported.User, exported.Inputs), exported.Inputs, IsUpdate: false);
            }
            var file = PackageRequests.RequirementsFile(result.GetValue(requirements)!, "");
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
}
