using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real wrapped installation made once by the published wrap-install: the compiled <c>probe</c>
/// (Fixtures/probe.c), a shell script <c>greet</c>, a lib/ directory and many data files.
/// </summary>
public sealed class ProbeInstallation : IDisposable
{
    /// <summary>Data files in the source; the installation must not hold them one by one.</summary>
    public const int DataFileCount = 500;

    private readonly TempDir _directory = new("e2e");

    /// <summary>Builds the installation (as the test process's user).</summary>
    public ProbeInstallation()
    {
        Source = SourceTree(_directory);
        Prefix = _directory["install"];
        BuildResult = Run.Command([ToolTree.Bin("wrap-install"), "-w", "bin", "--prefix", Prefix, Source], new RunOptions { WorkingDirectory = _directory.Path });
        Assert.True(BuildResult.ExitCode == 0, BuildResult.ToString());
    }

    /// <summary>The installation on disk that was wrapped.</summary>
    public string Source { get; }

    /// <summary>The installation prefix.</summary>
    public string Prefix { get; }

    /// <summary>What wrap-install printed.</summary>
    public RunResult BuildResult { get; }

    /// <summary>The scratch directory holding source and prefix (world-readable).</summary>
    public TempDir Directory => _directory;

    /// <summary>The wrapper <c>&lt;prefix&gt;/bin/NAME</c>.</summary>
    public string Wrapper(string name) => Path.Join(Prefix, "bin", name);

    /// <summary>The image file.</summary>
    public string Image => Path.Join(Prefix, "img.sqfs");

    /// <summary>Writes the source tree of a probe installation into <paramref name="directory"/>/src and returns its path.</summary>
    public static string SourceTree(TempDir directory)
    {
        var source = directory["src"];
        System.IO.Directory.CreateDirectory(Path.Join(source, "bin"));
        var compile = Run.Command(["gcc", "-O2", "-o", Path.Join(source, "bin", "probe"), Path.Join(AppContext.BaseDirectory, "Fixtures", "probe.c")]);
        Assert.True(compile.ExitCode == 0, compile.ToString());
        directory.Write("src/bin/greet", "#!/bin/sh\necho \"greet from $0: $*\"\n", executable: true);
        directory.Write("src/bin/README.txt", "not a program: no wrapper\n");
        directory.Write("src/lib/libnothing.txt", "a library directory for add_ld\n");
        for (var i = 0; i < DataFileCount; i++)
        {
            directory.Write($"src/share/data/file{i:D4}.txt", $"data {i}\n");
        }
        return source;
    }

    /// <summary>Removes the installation and its source.</summary>
    public void Dispose() => _directory.Dispose();
}

/// <summary>Tests sharing one <see cref="ProbeInstallation"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ProbeInstallationCollection : ICollectionFixture<ProbeInstallation>
{
    /// <summary>The collection name.</summary>
    public const string Name = "probe installation";
}
