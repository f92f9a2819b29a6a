using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An installation built once by the arm64 wrap-install under qemu: a static arm64 program
/// (Fixtures/arm64-hello.c) in a directory, wrapped with the arm64 launcher.
/// </summary>
public sealed class Arm64Installation : IDisposable
{
    private readonly TempDir _directory = new("arm64");

    /// <summary>Compiles the program and builds the installation (when the arm64 specs can run at all).</summary>
    public Arm64Installation()
    {
        Prefix = _directory["inst"];
        if (new Arm64FactAttribute().Skip is not null)
        {
            BuildResult = new RunResult(-1, [], "not built: the arm64 specs are skipped");
            return;
        }
        Directory.CreateDirectory(_directory["src/bin"]);
        var compile = Run.Command([Arm64ToolTree.CrossCompiler, "-static", "-O2", "-o", _directory["src/bin/hello"], Path.Join(AppContext.BaseDirectory, "Fixtures", "arm64-hello.c")]);
        Assert.True(compile.ExitCode == 0, compile.ToString());
        BuildResult = Arm64ToolTree.Run([Arm64ToolTree.Bin("wrap-install"), "-w", "bin", "--prefix", Prefix, _directory["src"]],
            new RunOptions { WorkingDirectory = _directory.Path, Environment = new Dictionary<string, string?> { ["CW_BUILD_TMPDIR"] = _directory.Path } });
    }

    /// <summary>The installation prefix.</summary>
    public string Prefix { get; }

    /// <summary>What the arm64 wrap-install printed.</summary>
    public RunResult BuildResult { get; }

    /// <summary>Removes the installation and its source.</summary>
    public void Dispose() => _directory.Dispose();
}
