using Tykky.Builder.Config;
using Tykky.Builder.Packages;

namespace Tykky.Builder.Steps;

/// <summary>
/// spack-containerize: writes <c>&lt;installation_path&gt;/env/spack.yaml</c>, the environment Spack builds:
/// the user's file without its spacktainer: section and with the installation's literal paths (see
/// <see cref="SpackEnvironmentFile.Generate"/>). An update starts from the image's environment, adds
/// the specs of the new file (-r) and points the stage and caches at this build's directories. The
/// given file is kept in the image (<c>.tykky/spack-given.yaml</c>) for share/.
/// </summary>
public sealed class WriteSpackEnvironmentStep : IBuildStep
{
    /// <summary>The user's environment file of the latest build that had one, inside the image tree.</summary>
    public const string GivenFile = ".tykky/spack-given.yaml";

    /// <inheritdoc/>
    public string Description => "Writing the Spack environment";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var manifest = ManifestOnHost(context);
        var given = config.Packages.EnvFile is { } file ? SpackEnvironmentFile.Read(file, config.InstallationPath) : null;
        var environment = config.UpdateInstallation ? Current(context, manifest, given) : given
            ?? throw new BuildException("spack-containerize needs a Spack environment file (env_file)");
        if (!config.UpdateInstallation && environment.SpackKeys.Contains("view"))
        {
            context.Reporter.Info($"The environment's view is {PackageLayout.SpackView(config.InstallationPath)} (its bin/ gets the wrappers), not the one {environment.Path} sets");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(manifest)!);
        File.WriteAllText(manifest, environment.Generate(SpackBuild.Paths(context), config.UpdateInstallation ? given?.Specs ?? [] : []));
        if (given is not null)
        {
            File.Copy(given.Path, Path.Join(context.InstallTree, GivenFile), overwrite: true);
        }
    }

    /// <summary>The environment's spack.yaml in the install tree.</summary>
    public static string ManifestOnHost(BuildContext context) =>
        Path.Join(context.OnHost(PackageLayout.SpackEnvironment(context.Config.InstallationPath)), "spack.yaml");

    private static SpackEnvironmentFile Current(BuildContext context, string manifest, SpackEnvironmentFile? given)
    {
        if (!File.Exists(manifest))
        {
            throw new BuildException($"The installation's image holds no Spack environment ({PackageLayout.SpackEnvironment(context.Config.InstallationPath)}/spack.yaml); make it again with spack-containerize new");
        }
        var ignored = given?.SpackKeys.Where(k => k != "specs").ToArray() ?? [];
        if (ignored.Length > 0)
        {
            context.Reporter.Warning($"An update adds the specs (and spacktainer files) of {given!.Path}; its {string.Join(", ", ignored)} are not applied to what is installed (make a new installation to change them)");
        }
        return SpackEnvironmentFile.Read(manifest, context.Config.InstallationPath);
    }
}
