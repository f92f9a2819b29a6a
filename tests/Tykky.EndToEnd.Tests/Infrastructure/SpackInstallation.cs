using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A Spack installation made once by the published spack-containerize with the fake-spack TEST DOUBLE
/// (tests/fixtures; no Spack and no network here): <c>new</c> from a Spacktainers-style spack.yaml
/// (hello-greet, and spacktainer files), then <c>update -r</c> adding bye-greet, with a post-install script. What the tests compare
/// across the update is taken in between. Builds run with a HOME and TMPDIR of their own, to see that
/// Spack leaves nothing there.
/// </summary>
public sealed class SpackInstallation : IDisposable
{
    /// <summary>The environment file as given to <c>new</c>.</summary>
    public const string SpackYaml = """
        # Spacktainers style: Spack's section, and the files to put into the image
        spack:
          specs:
            - hello-greet
        spacktainer:
          files:
            - files/run.sh:/LOCAL_TYKKY/share/run.sh
            - files/data:share/data
        """;

    /// <summary>The environment file given to <c>update -r</c>.</summary>
    public const string MoreYaml = "spack:\n  specs: [bye-greet]\n";

    private readonly TempDir _directory = new("spack");

    /// <summary>Builds and updates the installation.</summary>
    public SpackInstallation()
    {
        Home = Directory.CreateDirectory(_directory["home"]).FullName;
        Tmp = Directory.CreateDirectory(_directory["tmp"]).FullName;
        _directory.Write("spack.yaml", SpackYaml);
        _directory.Write("more.yaml", MoreYaml);
        _directory.Write("post.sh", "echo \"SPACK_ENV=$SPACK_ENV spack=$(command -v spack)\" > \"$CW_INSTALLATION_PATH/share/post-install.txt\"\n");
        _directory.Write("files/run.sh", "#!/bin/sh\necho \"run.sh from the image: $0\"\n", executable: true);
        _directory.Write("files/data/notes.txt", "spacktainer data\n");
        Prefix = _directory["install"];
        Builds = new Builds(_directory);
        BuildResult = Builds.Run("spack-containerize", ["new", "--spack", FakeSpack, "--prefix", Prefix, "spack.yaml"], new RunOptions { Environment = Environment() });
        Assert.True(BuildResult.ExitCode == 0, BuildResult.ToString());
        HelloPrefixBeforeUpdate = Run([Wrapper("_debug_exec"), "readlink", "-f", "/LOCAL_TYKKY/view/bin/hello-greet"]).Out.Trim();
        UpdateResult = Builds.Run("spack-containerize", ["update", "-r", "more.yaml", "--post-install", "post.sh", Prefix], new RunOptions { Environment = Environment() });
        Assert.True(UpdateResult.ExitCode == 0, UpdateResult.ToString());
    }

    /// <summary>The fake Spack's root (its bin/spack is the double).</summary>
    public static string FakeSpack => Path.Join(ToolTree.RepositoryRoot, "tests", "fixtures", "fake-spack");

    /// <summary>The builds' home.</summary>
    public string Home { get; }

    /// <summary>The builds' TMPDIR.</summary>
    public string Tmp { get; }

    /// <summary>The installation prefix.</summary>
    public string Prefix { get; }

    /// <summary>The builds (their build base).</summary>
    public Builds Builds { get; }

    /// <summary>What <c>new</c> printed.</summary>
    public RunResult BuildResult { get; }

    /// <summary>What <c>update</c> printed.</summary>
    public RunResult UpdateResult { get; }

    /// <summary>hello-greet's real path inside, before the update.</summary>
    public string HelloPrefixBeforeUpdate { get; }

    /// <summary>The wrapper <c>&lt;prefix&gt;/bin/NAME</c>.</summary>
    public string Wrapper(string name) => Path.Join(Prefix, "bin", name);

    /// <summary>A file of the scratch directory.</summary>
    public string this[string relative] => _directory[relative];

    /// <summary>The environment of builds and runs: the system PATH, the private HOME and TMPDIR.</summary>
    public Dictionary<string, string?> Environment() => new() { ["PATH"] = Wheelhouse.SystemPath, ["HOME"] = Home, ["TMPDIR"] = Tmp };

    /// <summary>Runs <paramref name="argv"/> with <see cref="Environment"/>.</summary>
    public RunResult Run(IReadOnlyList<string> argv) =>
        Infrastructure.Run.Command(argv, new RunOptions { Environment = Environment(), WorkingDirectory = _directory.Path });

    /// <summary>Removes the installation.</summary>
    public void Dispose() => _directory.Dispose();
}

/// <summary>Tests sharing one <see cref="SpackInstallation"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SpackInstallationCollection : ICollectionFixture<SpackInstallation>
{
    /// <summary>The collection name.</summary>
    public const string Name = "spack installation";
}
