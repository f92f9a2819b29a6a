using Tykky.Builder.Steps;

namespace Tykky.Builder.Packages;

/// <summary>
/// The empty home directory conda runs with while it installs (see <see cref="PackageShell.CondaOnlyVariables"/>),
/// inside the install tree so that an isolated container sees it, and removed afterwards.
/// </summary>
public sealed class CondaHome : IDisposable
{
    private const string Relative = ".tykky/conda-home";

    private readonly string _onHost;

    private CondaHome(string onHost, string inside)
    {
        _onHost = onHost;
        PathInside = inside;
    }

    /// <summary>The home directory's path inside the container.</summary>
    public string PathInside { get; }

    /// <summary>Creates the directory.</summary>
    public static CondaHome Create(BuildContext context)
    {
        var onHost = Directory.CreateDirectory(Path.Join(context.InstallTree, Relative)).FullName;
        return new CondaHome(onHost, $"{context.Config.InstallationPath}/{Relative}");
    }

    /// <summary>Removes the directory and whatever conda left in it.</summary>
    public void Dispose()
    {
        if (Directory.Exists(_onHost))
        {
            Directory.Delete(_onHost, recursive: true);
        }
    }
}
