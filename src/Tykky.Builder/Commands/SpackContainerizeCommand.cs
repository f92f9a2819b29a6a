using System.CommandLine;
using Tykky.Builder.Config;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary>
/// <c>spack-containerize new|update|advanced</c>: a Spack environment (a spack.yaml, with BlueBrain
/// Spacktainers' <c>spacktainer: files</c>) installed by the host's Spack into the image, its view's
/// programs wrapped.
/// </summary>
public static class SpackContainerizeCommand
{
    /// <summary>The frontend's name.</summary>
    public const string Name = "spack-containerize";

    /// <summary>The configuration mode of its installations.</summary>
    private const string Mode = "spack";

    /// <summary>Adds the subcommands to <paramref name="command"/>.</summary>
    public static Command Configure(Command command, BuildServices services) =>
        PackageRequests.Configure(command, services, "Create or update an installation of a Spack environment inside a container", Mode, Name, New(services),
            new PackageInput(new Option<string>("--spack-yaml", "-r") { Description = "Spack environment file whose specs (and spacktainer files) are added" },
                "env_file", "Spack environment file", "give the path of a spack.yaml", WithNoCache: false, Installs: "the specs of a Spack environment file"));

    private static Command New(BuildServices services)
    {
        var command = new Command("new", "Create a new installation");
        var common = new CommonOptions();
        var envFile = new Argument<string>("SPACK_YAML") { Description = "Spack environment file (spack: specs: [...], optionally spacktainer: files: [src:dst])" };
        var spack = new Option<string>("--spack") { Description = "Root of the Spack to use (the directory holding bin/spack; default: spack_root, $SPACK_ROOT, or spack on PATH)" };
        var mirrors = new Option<string[]>("--mirror") { Description = "Mirror or build cache URL (repeatable)", AllowMultipleArgumentsPerToken = false };
        var buildcache = new Option<string>("--use-buildcache") { Description = "Binaries from build caches: auto (default), only or never" };
        command.Arguments.Add(envFile);
        CommonOptions.AddTo(command, common.Prefix, spack, mirrors, buildcache, common.PreInstall, common.PostInstall, common.Environ, common.WrapperPaths);
        command.SetAction(result => new InstallationBuild(services).Run(() =>
        {
            var file = Path.GetFullPath(result.GetValue(envFile)!);
            if (!File.Exists(file))
            {
                throw new BuildException($"Spack environment file '{result.GetValue(envFile)}' does not exist; give the path of a spack.yaml");
            }
            var user = ConfigMap.Empty("command line")
                .With("mode", new ConfigScalar(Mode, Name))
                .With("update_installation", new ConfigScalar("no", Name))
                // RPATHs find the libraries; a view's lib on LD_LIBRARY_PATH would put gcc-runtime's libstdc++ before every child's own
                .With("add_ld", new ConfigScalar("no", Name))
                .With("env_file", new ConfigScalar(file, "SPACK_YAML"));
            user = result.GetValue(spack) is { } root ? user.With("spack_root", new ConfigScalar(Path.GetFullPath(root), "--spack")) : user;
            user = result.GetValue(mirrors) is { Length: > 0 } urls
                ? user.With("spack_mirrors", new ConfigList(urls.Select(u => (ConfigNode)new ConfigScalar(u, "--mirror")).ToArray(), "--mirror"))
                : user;
            user = result.GetValue(buildcache) is { } policy ? user.With("spack_buildcache", new ConfigScalar(policy, "--use-buildcache")) : user;
            var inputs = new List<string> { file };
            return new BuildRequest(common.Apply(result, user, inputs), inputs, IsUpdate: false);
        }));
        return command;
    }
}
