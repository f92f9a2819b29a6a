using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A local wheelhouse built in test setup with the host's python3, setuptools and wheel (no network):
/// <c>tykkydemo</c> 1.0 (a module and a console script <c>tykkydemo</c>) and <c>secondpkg</c> 2.0 (a module).
/// pip installs from it with <c>--no-index --find-links</c>, given as PIP_* variables.
/// </summary>
public sealed class Wheelhouse : IDisposable
{
    /// <summary>PATH for builds and runs: the system's, so that python3 is Debian's and not a user's pyenv shim.</summary>
    public const string SystemPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private readonly TempDir _directory = new("wheelhouse");

    /// <summary>Builds the wheels.</summary>
    public Wheelhouse()
    {
        Build("tykkydemo", "1.0", """
            GREETING = "hello from tykkydemo"

            def main():
                import sys
                print(GREETING, sys.executable, sys.prefix)
            """, """entry_points={"console_scripts": ["tykkydemo=tykkydemo:main"]},""");
        Build("secondpkg", "2.0", "VALUE = 42\n", "");
    }

    /// <summary>The host python3's version ("3.11"): the venvs' lib/pythonX.Y.</summary>
    public static string PythonVersion { get; } = Run.Command(["/usr/bin/python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"]).Out.Trim();

    /// <summary>The directory of the wheels.</summary>
    public string Directory => _directory["wheels"];

    /// <summary>
    /// The environment of a build or run that installs from the wheelhouse: the system PATH, pip's
    /// no-index and find-links, and no pip configuration file (this machine's would add others).
    /// </summary>
    public Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? more = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = SystemPath,
            ["PIP_NO_INDEX"] = "1",
            ["PIP_FIND_LINKS"] = Directory,
            ["PIP_CONFIG_FILE"] = "/dev/null",
            ["PYTHONDONTWRITEBYTECODE"] = null,
        };
        foreach (var (name, value) in more ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }
        return environment;
    }

    /// <summary>Removes the wheels.</summary>
    public void Dispose() => _directory.Dispose();

    private void Build(string name, string version, string module, string setupExtra)
    {
        var source = _directory[$"src/{name}"];
        _directory.Write($"src/{name}/src/{name}/__init__.py", module);
        _directory.Write($"src/{name}/setup.py",
            $"from setuptools import setup\nsetup(name=\"{name}\", version=\"{version}\", packages=[\"{name}\"], package_dir={{\"\": \"src\"}}, {setupExtra})\n");
        var build = Run.Command(["/usr/bin/python3", "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", Directory, source],
            new RunOptions { Environment = Environment(), WorkingDirectory = source });
        Assert.True(build.ExitCode == 0, $"building the {name} wheel (needs python3-pip, python3-setuptools, python3-wheel): {build}");
    }
}
