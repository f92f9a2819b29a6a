using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>Containers for another architecture than this amd64 host's are refused before anything is written.</summary>
public sealed class ForeignArchitectureSpecs : IDisposable
{
    private readonly TempDir _scratch = new("foreign-arch");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void A_SIF_marked_arm64_is_refused_on_this_amd64_host()
    {
        // Arrange: busybox.sif with its root filesystem descriptor's architecture (at extra + 8) set to arm64's "04"
        var bytes = File.ReadAllBytes(Containers.BusyboxSif);
        "04"u8.CopyTo(bytes.AsSpan(4096 + (2 * 585) + 201 + 8));
        File.WriteAllBytes(_scratch["arm64.sif"], bytes);
        var builds = new Builds(_scratch);

        // Act
        var result = builds.Run("wrap-container", ["-w", "/bin", "--prefix", _scratch["inst"], _scratch["arm64.sif"]]);

        // Assert
        builds.AssertRejected(result, $"Container '{_scratch["arm64.sif"]}' is for arm64 (its SIF root filesystem is marked arm64) and this host is amd64; give an image built for amd64 (apptainer pull --arch amd64 ...), or build on arm64 hardware", _scratch["inst"]);
    }

    [FilesFact(Arm64ToolTree.CrossCompiler)]
    public void A_sandbox_directory_of_arm64_programs_is_refused_on_this_amd64_host()
    {
        // Arrange: a root whose /bin/sh is an aarch64 program
        Directory.CreateDirectory(_scratch["root/bin"]);
        var compile = Run.Command([Arm64ToolTree.CrossCompiler, "-static", "-o", _scratch["root/bin/sh"], Path.Join(AppContext.BaseDirectory, "Fixtures", "arm64-hello.c")]);
        Assert.True(compile.ExitCode == 0, compile.ToString());
        var builds = new Builds(_scratch);

        // Act
        var result = builds.Run("wrap-container", ["-w", "/bin", "--prefix", _scratch["inst"], _scratch["root"]]);

        // Assert
        builds.AssertRejected(result, $"Container '{_scratch["root"]}' is for arm64 (/bin/sh is an aarch64 program) and this host is amd64", _scratch["inst"]);
    }
}
