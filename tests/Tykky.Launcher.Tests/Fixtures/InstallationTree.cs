using Tykky.Launcher.Native;
using Tykky.Tests;

namespace Tykky.Launcher.Tests.Fixtures;

/// <summary>
/// A minimal installation on disk: <c>tykky.json</c>, an executable <c>tykky-launcher</c>, and
/// <c>bin/NAME → ../tykky-launcher</c> for each program. Only the layout matters to the locator.
/// </summary>
internal sealed class InstallationTree : IDisposable
{
    private readonly TempDir _root = new("locator");

    public InstallationTree(params string[] programs)
    {
        Prefix = _root["env"];
        _root.Write("env/tykky.json", "{}");
        _root.Write("env/tykky-launcher", "#!/bin/false\n", executable: true);
        Directory.CreateDirectory(_root["env/bin"]);
        foreach (var program in programs)
        {
            File.CreateSymbolicLink(Path.Join(Prefix, "bin", program), "../tykky-launcher");
        }
    }

    /// <summary>The prefix as created (the temp root may itself lie behind links).</summary>
    public string Prefix { get; }

    /// <summary>The prefix with every link resolved, as the locator reports it.</summary>
    public string CanonicalPrefix => PosixFiles.RealPath(Prefix)!;

    /// <summary>A path beside the installation, in the same temp root.</summary>
    public string this[string relative] => _root[relative];

    /// <summary>Creates a symbolic link at <paramref name="relative"/> (parents created) pointing at <paramref name="target"/>.</summary>
    public string Link(string relative, string target)
    {
        var path = _root[relative];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    /// <summary>Writes a file beside the installation.</summary>
    public string Write(string relative, string content, bool executable = false) => _root.Write(relative, content, executable);

    public void Dispose() => _root.Dispose();
}
