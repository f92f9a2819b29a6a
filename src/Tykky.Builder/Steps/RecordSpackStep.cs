using Tykky.Builder.Config;
using Tykky.Builder.Packages;
using Tykky.Builder.Processes;

namespace Tykky.Builder.Steps;

/// <summary>
/// spack-containerize: records what the build was made from and resolved to, for reproducing it:
/// in share/ the environment file as given (<c>spack-given.yaml</c>), the one Spack built
/// (<c>spack.yaml</c>), <c>spack.lock</c> (it holds Spack's version and commit, and every concrete spec)
/// and <c>spack --version</c>; and says which roots were installed.
/// </summary>
public sealed class RecordSpackStep : IBuildStep
{
    /// <summary>The file in share/ with the output of <c>spack --version</c>.</summary>
    public const string VersionFile = "spack-version.txt";

    /// <inheritdoc/>
    public string Description => "Recording the Spack environment";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var share = context.StagedShareDirectory();
        var environment = context.OnHost(PackageLayout.SpackEnvironment(context.Config.InstallationPath));
        (string Name, string OnHost)[] records =
        [
            ("spack-given.yaml", Path.Join(context.InstallTree, WriteSpackEnvironmentStep.GivenFile)),
            ("spack.yaml", Path.Join(environment, "spack.yaml")),
            ("spack.lock", Path.Join(environment, "spack.lock")),
        ];
        foreach (var (name, onHost) in records.Where(r => File.Exists(r.OnHost)))
        {
            Native.UmaskedCopy.Copy(onHost, Path.Join(share, name));
        }
        var spack = SpackBuild.Executable(context.Config.Spack, context.Environment);
        File.WriteAllText(Path.Join(share, VersionFile), context.Runner.Capture(new ToolCommand("asking Spack its version", [spack, "--version"])));
        foreach (var root in SpackLock.Roots(File.ReadAllText(Path.Join(share, "spack.lock"))))
        {
            context.Reporter.Info($"Installed {root.Spec}: {root.Concrete} /{root.Hash}");
        }
    }
}
