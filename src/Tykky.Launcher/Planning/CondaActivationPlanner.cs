using Tykky.Launcher.Manifest;

namespace Tykky.Launcher.Planning;

/// <summary>
/// Decides whether and how the conda environment is activated for a launch (upstream
/// generate_wrappers.sh): not when the wrapper is reached through a venv (its own environment wins)
/// unless CW_FORCE_CONDA_ACTIVATE, never with CW_NO_CONDA_ACTIVATE.
/// </summary>
internal static class CondaActivationPlanner
{
    /// <summary>
    /// Runs <c>conda shell.bash hook</c> and <c>conda activate</c>, then execs the program with its argv[0].
    /// Everything comes in as positional parameters ($0 = argv[0], $1 = conda, $2 = environment,
    /// then the program and its arguments), so nothing is quoted into the script.
    /// </summary>
    public const string DynamicActivationScript =
        "conda_executable=$1; conda_environment=$2; shift 2; eval \"$(\"$conda_executable\" shell.bash hook)\" && conda activate \"$conda_environment\" >/dev/null && exec -a \"$0\" \"$@\"";

    /// <summary>True when this launch activates the conda environment.</summary>
    public static bool Activates(LaunchContext context) =>
        context.Manifest.Conda is not null
        && context.Environment.Get(EnvironmentNames.NoCondaActivate) is null
        && (context.Host.VenvBinDirectory is null || context.Environment.Get(EnvironmentNames.ForceCondaActivate) is not null);

    /// <summary>The environment changes of this launch: the manifest's, then the captured activation when it applies.</summary>
    public static IReadOnlyList<EnvironmentChange> Changes(LaunchContext context) =>
        Activates(context) && context.Manifest.Conda is { Mode: CondaActivationMode.Captured } conda
            ? [.. context.Manifest.Environment, .. conda.Changes]
            : context.Manifest.Environment;

    /// <summary>The program itself, or for dynamic activation the container's bash activating and then exec'ing it.</summary>
    public static ProgramLaunch Wrap(LaunchContext context, ProgramLaunch program)
    {
        if (!Activates(context) || context.Manifest.Conda is not { Mode: CondaActivationMode.Dynamic } conda)
        {
            return program;
        }
        var (target, argv0) = program.Target switch
        {
            ProgramPath path => (path.Path, program.Argv0 ?? path.Path),
            CommandSearch search => (search.Candidates[0], program.Argv0 ?? search.Candidates[0]),
            _ => throw new System.Diagnostics.UnreachableException($"exec target {program.Target.GetType().Name}"),
        };
        return new ProgramLaunch(new CommandSearch(["bash"]), null,
            ["-c", DynamicActivationScript, argv0, conda.CondaExecutable, conda.EnvironmentPath, target, .. program.Arguments]);
    }
}
