using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A conda installation made once by the published conda-containerize with the
/// fake-miniforge-installer.sh TEST DOUBLE (tests/fixtures; no Miniforge or conda channel can be
/// downloaded here): a site configuration names it as miniforge_installer. Built with an environment
/// file whose packages bring activate.d scripts that use $HOME and unset a variable, and -r
/// requirements, by a user whose ~/.condarc turns off auto_activate_base and changes env_prompt.
/// </summary>
public sealed class CondaInstallation : IDisposable
{
    private readonly TempDir _directory = new("conda");

    /// <summary>Builds the installation.</summary>
    public CondaInstallation()
    {
        SiteConfig = WriteSiteConfig(_directory);
        Home = _directory["home"];
        _directory.Write("home/.condarc", "channels: [user-channel]\npkgs_dirs: [~/.conda/pkgs]\nauto_activate_base: false\nenv_prompt: '[builder] '\n");
        _directory.Write("env.yml", "name: demo\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - fake-home-config\n  - fake-unset-legacy\n");
        _directory.Write("requirements.txt", "tykkydemo\n");
        Prefix = _directory["install"];
        BuildResult = new Builds(_directory).Run("conda-containerize", ["new", "-r", "requirements.txt", "--prefix", Prefix, "env.yml"],
            new RunOptions { Environment = Environment(new Dictionary<string, string?> { ["HOME"] = Home, ["CONDA_PLUGINS_AUTO_ACCEPT_TOS"] = "true" }) });
        Assert.True(BuildResult.ExitCode == 0, BuildResult.ToString());
    }

    /// <summary>The fake installer.</summary>
    public static string FakeInstaller => Path.Join(ToolTree.RepositoryRoot, "tests", "fixtures", "fake-miniforge-installer.sh");

    /// <summary>The site configuration naming the fake installer (CW_GLOBAL_YAML).</summary>
    public string SiteConfig { get; }

    /// <summary>The builder's home, with a .condarc that must not reach conda nor the captured activation.</summary>
    public string Home { get; }

    /// <summary>The installation prefix.</summary>
    public string Prefix { get; }

    /// <summary>What conda-containerize printed.</summary>
    public RunResult BuildResult { get; }

    /// <summary>The wrapper <c>&lt;prefix&gt;/bin/NAME</c>.</summary>
    public string Wrapper(string name) => Path.Join(Prefix, "bin", name);

    /// <summary>The environment of builds and runs: the system PATH, the site configuration, and <paramref name="more"/>.</summary>
    public Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? more = null)
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = Wheelhouse.SystemPath, ["CW_GLOBAL_YAML"] = SiteConfig };
        foreach (var (name, value) in more ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }
        return environment;
    }

    /// <summary>Runs <paramref name="argv"/> with <see cref="Environment"/>.</summary>
    public RunResult Run(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string?>? more = null) =>
        Infrastructure.Run.Command(argv, new RunOptions { Environment = Environment(more), WorkingDirectory = _directory.Path });

    /// <summary>The tool's site configuration with miniforge_installer set to the fake installer.</summary>
    public static string WriteSiteConfig(TempDir directory) => SiteConfigs.WithDefault(directory, "miniforge_installer", FakeInstaller);

    /// <summary>Removes the installation.</summary>
    public void Dispose() => _directory.Dispose();
}

/// <summary>Tests sharing one <see cref="CondaInstallation"/>.</summary>
[CollectionDefinition(Name)]
public sealed class CondaInstallationCollection : ICollectionFixture<CondaInstallation>
{
    /// <summary>The collection name.</summary>
    public const string Name = "conda installation";
}
