using Tykky.Builder.Config;
using Tykky.Builder.Packages;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>
/// Records how the launcher activates the conda environment. Upstream ran <c>conda shell.bash hook</c>
/// and <c>conda activate</c> in bash on every launch (generate_wrappers.sh); here the activation runs
/// at build time, inside the container: bash prints its environment, activates the environment (its
/// activate.d scripts run), and prints it again; the difference becomes the manifest's changes. It runs
/// under two perturbed launch environments so that the capture is checked, not trusted (see
/// <see cref="ActivationCapture"/>); what it cannot express makes the installation activate at each
/// launch (dynamic), with a warning, unless conda_activation says otherwise. With
/// <c>conda_activation: dynamic</c> nothing is captured.
/// </summary>
public sealed class CaptureCondaActivationStep : IBuildStep
{
    /// <summary>
    /// The probe: $1 is conda, $2 the environment, then presets applied in order: NAME=VALUE is exported,
    /// -PATTERN unsets the exported variables matching the glob. Activation's own messages go to stderr
    /// so that stdout holds only the two NUL-separated dumps and the marker between them.
    /// </summary>
    private const string Probe =
        "conda=$1 environment=$2\nshift 2\n" +
        "for preset in \"$@\"; do\n  case $preset in\n" +
        "    -*) for name in $(compgen -e); do case $name in ${preset#-}) unset \"$name\" ;; esac; done ;;\n" +
        "    *) export \"$preset\" ;;\n  esac\ndone\n" +
        "env -0\nprintf '%s\\0' '" + EnvironmentDump.Marker + "'\n" +
        "eval \"$(\"$conda\" shell.bash hook)\" >&2\nconda activate \"$environment\" >&2\nenv -0\n";

    /// <summary>The value names an activate.d script unsets start with, so that their unsetting shows.</summary>
    private const string UnsetCandidate = "tykky-probe-set-before-activation";

    /// <summary>
    /// The builder's own conda configuration, kept out of what every user gets (#8.6): the variables
    /// naming condarc files and conda's CONDA_ settings; the empty probe homes hide ~/.condarc,
    /// ~/.conda/condarc and ~/.config/conda (see <see cref="ActivationProbe"/>).
    /// </summary>
    private static readonly string[] BuilderCondaConfiguration = ["-CONDARC", "-XDG_CONFIG_HOME", "-CONDA_*", "-_CE_*"];

    /// <inheritdoc/>
    public string Description => "Recording the conda activation";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var conda = PackageLayout.CondaExecutable(config.InstallationPath);
        var environment = PackageLayout.EnvironmentRoot(config);
        var choice = config.Packages.CondaActivation;
        var (changes, problems) = choice switch
        {
            CondaActivationChoice.Dynamic => ([], []),
            CondaActivationChoice.Auto or CondaActivationChoice.Captured => Capture(context, conda, environment),
        };
        var verdict = CondaActivationDecision.Decide(choice, problems);
        if (verdict.Warning is { } warning)
        {
            context.Reporter.Warning(warning);
        }
        context.Conda = new CondaActivation
        {
            Mode = verdict.Mode,
            Reason = verdict.Reason,
            CondaExecutable = conda,
            EnvironmentPath = environment,
            Changes = verdict.Mode == CondaActivationMode.Captured ? changes : [],
        };
        context.Reporter.Info($"Conda activation: {verdict.Reason}");
        context.Reporter.Debug($"Captured changes: {string.Join(", ", changes.Select(c => $"{c.Action} {c.Name}={c.Value}"))}");
    }

    /// <summary>
    /// Activates three times: under the first launch inputs, again with the variables it created preset
    /// (see <see cref="ActivationDiff"/>), and under the second inputs; returns the changes and what they
    /// cannot express.
    /// </summary>
    private static (IReadOnlyList<EnvironmentChange> Changes, IReadOnlyList<string> Problems) Capture(BuildContext context, string conda, string environment)
    {
        var scripts = ActivateScripts(context, environment);
        var inputs = ActivationProbeInputs.For(ActivationProbe.PathInside(context.Config));
        string[] common =
        [
            .. PackageShell.ReadsUserCondarc(context) ? [] : BuilderCondaConfiguration,
            "-SLURM_*",
            .. scripts.SelectMany(script => script.UnsetNames).Distinct(StringComparer.Ordinal).Select(name => $"{name}={UnsetCandidate}"),
        ];
        string[] firstPresets = [.. common, .. inputs.Select(input => $"{input.Name}={input.First}")];
        string[] secondPresets = [.. common, .. inputs.Select(input => input.Second is { } value ? $"{input.Name}={value}" : $"-{input.Name}")];
        using var probe = ActivationProbe.Create(context);
        var first = Activate(context, conda, environment, firstPresets);
        var created = ActivationDiff.Created(first.Before, first.After);
        var firstPresetAfter = created.Count == 0
            ? first.After
            : Activate(context, conda, environment, [.. firstPresets, .. created.Select(name => $"{name}={ActivationDiff.Sentinel}")]).After;
        var second = Activate(context, conda, environment, secondPresets);
        var (changes, unfaithful) = ActivationCapture.Derive(first, firstPresetAfter, second, inputs);
        return (changes, CondaActivationDecision.Problems(unfaithful, scripts));
    }

    /// <summary>The activate.d scripts that activation sources: the environment's, and base's (conda activates base first unless told not to).</summary>
    private static IReadOnlyList<ActivateScript> ActivateScripts(BuildContext context, string environment) =>
        new[] { environment, PackageLayout.MiniforgeRoot(context.Config.InstallationPath) }
            .Select(root => $"{root}/etc/conda/activate.d")
            .Where(directory => Directory.Exists(context.OnHost(directory)))
            .SelectMany(directory => Directory.GetFiles(context.OnHost(directory), "*.sh").Order(StringComparer.Ordinal)
                .Select(file => new ActivateScript($"{directory}/{Path.GetFileName(file)}", File.ReadAllText(file))))
            .ToArray();

    private static ActivationRun Activate(BuildContext context, string conda, string environment, IReadOnlyList<string> presets)
    {
        var command = Sandbox.Command(context, "recording the conda activation", ["bash", "-c", Probe, "tykky-activation", conda, environment, .. presets]);
        var (before, after) = EnvironmentDump.Parse(context.Runner.Capture(command));
        return new ActivationRun(before, after);
    }
}
