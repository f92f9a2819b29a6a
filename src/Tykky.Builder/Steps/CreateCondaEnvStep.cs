using Tykky.Builder.Config;
using Tykky.Builder.Locks;
using Tykky.Builder.Packages;

namespace Tykky.Builder.Steps;

/// <summary>
/// conda-containerize: creates the environment from the environment file, with conda or mamba:
/// <c>env create</c> for a .yml/.yaml file, <c>create --file</c> for an explicit spec (.txt), as upstream
/// templates/conda.sh. The environment is made at its path (<c>miniforge/envs/&lt;env_name&gt;</c>) so that
/// no envs_dirs setting can put it outside the image. An update keeps an existing environment.
/// </summary>
public sealed class CreateCondaEnvStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Creating the conda environment";

    /// <summary>True for environment files that <c>env create</c> reads (YAML); others are explicit specs.</summary>
    public static bool IsYaml(string envFile) =>
        envFile.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || envFile.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var environment = PackageLayout.EnvironmentRoot(config);
        if (Directory.Exists(context.OnHost(environment)))
        {
            context.Reporter.Info($"The installation's conda environment {environment} is kept");
            return;
        }
        var envFile = config.Packages.EnvFile ?? throw new BuildException("conda-containerize needs an environment file (env_file) to create the environment");
        using var staged = StagedInput.For(context, CondaLockFile.Is(envFile) ? WriteLockedSpec(context, envFile) : envFile);
        using var home = CondaHome.Create(context);
        var command = PackageShell.Command(context, $"creating the conda environment from {envFile}", ShellSetup.None, Argv(config, staged.PathInside));
        context.Runner.Run(command with { Environment = Sandbox.Merge(command.Environment, PackageShell.CondaOnlyVariables(context, home.PathInside)) });
    }

    /// <summary>A conda-lock file's conda packages for this host, as an explicit spec in the build directory.</summary>
    private static string WriteLockedSpec(BuildContext context, string lockFile)
    {
        var platform = CondaPlatform.OfHost;
        var spec = Path.Join(context.BuildDirectory, "conda-lock.explicit.txt");
        File.WriteAllText(spec, CondaLockFile.Read(lockFile, platform).ExplicitSpec(platform));
        return spec;
    }

    /// <summary>The command line that creates the environment from <paramref name="envFileInside"/>. Pure.</summary>
    public static IReadOnlyList<string> Argv(BuildConfig config, string envFileInside)
    {
        var packages = config.Packages;
        var tool = PackageLayout.PackageManager(config.InstallationPath, packages);
        var environment = PackageLayout.EnvironmentRoot(config);
        return IsYaml(envFileInside)
            ? [tool, "env", "create", "--yes", .. packages.UseUv ? ["--use-uv"] : Array.Empty<string>(), "--prefix", environment, "--file", envFileInside]
            : [tool, "create", "--yes", "--prefix", environment, "--file", envFileInside];
    }
}
