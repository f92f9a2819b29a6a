using Tykky.Builder.Config;
using Tykky.Builder.Packages;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>
/// Records how the launcher activates the conda environment. Upstream ran <c>conda shell.bash hook</c>
/// and <c>conda activate</c> in bash on every launch (generate_wrappers.sh); here the activation runs
/// once, inside the container: bash prints its environment, activates the environment (its activate.d
/// scripts run), and prints it again; the difference becomes the manifest's changes. With
/// <c>conda_activation: dynamic</c> nothing is captured and the launcher activates at each launch.
/// </summary>
public sealed class CaptureCondaActivationStep : IBuildStep
{
    /// <summary>
    /// The probe: $1 is conda, $2 the environment, further arguments NAME=VALUE presets exported first.
    /// Activation's own messages go to stderr so that stdout holds only the two NUL-separated dumps and
    /// the marker between them.
    /// </summary>
    private const string Probe =
        "conda=$1 environment=$2\nshift 2\nfor preset in \"$@\"; do export \"$preset\"; done\n" +
        "env -0\nprintf '%s\\0' '" + EnvironmentDump.Marker + "'\n" +
        "eval \"$(\"$conda\" shell.bash hook)\" >&2\nconda activate \"$environment\" >&2\nenv -0\n";

    /// <inheritdoc/>
    public string Description => "Recording the conda activation";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var conda = PackageLayout.CondaExecutable(config.InstallationPath);
        var environment = PackageLayout.EnvironmentRoot(config);
        var changes = config.Packages.CondaActivation switch
        {
            CondaActivationMode.Captured => Capture(context, conda, environment),
            CondaActivationMode.Dynamic => [],
        };
        context.Conda = new CondaActivation { Mode = config.Packages.CondaActivation, CondaExecutable = conda, EnvironmentPath = environment, Changes = changes };
        context.Reporter.Debug($"Conda activation ({config.Packages.CondaActivation}): {string.Join(", ", changes.Select(c => $"{c.Action} {c.Name}"))}");
    }

    /// <summary>Activates twice: as it is, then with the variables it created preset (see <see cref="ActivationDiff"/>).</summary>
    private static IReadOnlyList<EnvironmentChange> Capture(BuildContext context, string conda, string environment)
    {
        var (before, after) = Activate(context, conda, environment, []);
        var created = ActivationDiff.Created(before, after);
        var afterPreset = created.Count == 0 ? after : Activate(context, conda, environment, created.Select(name => $"{name}={ActivationDiff.Sentinel}").ToArray()).After;
        return ActivationDiff.Changes(before, after, afterPreset);
    }

    private static (IReadOnlyDictionary<string, string> Before, IReadOnlyDictionary<string, string> After) Activate(
        BuildContext context, string conda, string environment, IReadOnlyList<string> presets)
    {
        var command = Sandbox.Command(context, "recording the conda activation", ["bash", "-c", Probe, "tykky-activation", conda, environment, .. presets]);
        return EnvironmentDump.Parse(context.Runner.Capture(command));
    }
}
