using Tykky.Builder.Config;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Packages;

/// <summary>
/// The homes and temporary directories of the probing activations (<see cref="ActivationProbeInputs"/>),
/// inside the install tree so that an isolated container sees them too, removed afterwards. The homes
/// are empty, which also keeps the builder's ~/.condarc away from the capture (#8.6), unless
/// CW_ENABLE_CONDARC is set: then they hold copies of the builder's user condarc files.
/// </summary>
public sealed class ActivationProbe : IDisposable
{
    /// <summary>The user condarc files under a home that conda reads (apptainer-observed.md).</summary>
    private static readonly string[] UserCondarcFiles = [".condarc", ".conda/condarc", ".config/conda/condarc"];

    private readonly string _onHost;

    private ActivationProbe(string onHost) => _onHost = onHost;

    /// <summary>Creates the directories.</summary>
    public static ActivationProbe Create(BuildContext context)
    {
        var onHost = Path.Join(context.InstallTree, ActivationProbeInputs.Directory);
        foreach (var probe in ActivationProbeInputs.Probes)
        {
            Directory.CreateDirectory(Path.Join(onHost, probe, "tmp"));
            var home = Directory.CreateDirectory(Path.Join(onHost, probe, "home")).FullName;
            if (PackageShell.ReadsUserCondarc(context) && context.Environment("HOME") is { Length: > 0 } builderHome)
            {
                CopyUserCondarc(builderHome, home);
            }
        }
        return new ActivationProbe(onHost);
    }

    /// <summary>The directory's path inside the container.</summary>
    public static string PathInside(BuildConfig config) => $"{config.InstallationPath}/{ActivationProbeInputs.Directory}";

    private static void CopyUserCondarc(string builderHome, string probeHome)
    {
        foreach (var relative in UserCondarcFiles.Where(relative => File.Exists(Path.Join(builderHome, relative))))
        {
            var target = Path.Join(probeHome, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Join(builderHome, relative), target);
        }
    }

    /// <summary>Removes the directories and whatever the activation left in them.</summary>
    public void Dispose()
    {
        if (Directory.Exists(_onHost))
        {
            Directory.Delete(_onHost, recursive: true);
        }
    }
}
