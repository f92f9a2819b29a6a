using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// The linux-arm64 binaries of dist/linux-arm64/, run on this amd64 host under qemu-user: static
/// aarch64 executables, the builder's help, a build and a manifest read, and the launcher planning and
/// executing a wrapped arm64 program, and the arm64 builder refusing an amd64 container.
/// </summary>
public sealed class Arm64Specs(Arm64Installation installation) : IClassFixture<Arm64Installation>, IDisposable
{
    private readonly TempDir _scratch = new("arm64-specs");

    public void Dispose() => _scratch.Dispose();

    [Arm64Fact]
    public void The_arm64_builder_and_launcher_are_static_aarch64_executables()
    {
        foreach (var binary in new[] { Arm64ToolTree.Bin("tykky"), Arm64ToolTree.Launcher, Path.Join(installation.Prefix, "tykky-launcher") })
        {
            var description = Run.Command(["file", "-L", "-b", binary]); // the installation's is a link into its generation

            Assert.Contains("ARM aarch64", description.Out);
            Assert.Contains("static", description.Out);
            Assert.DoesNotContain("interpreter", description.Out);
        }
    }

    [Arm64Fact]
    public void The_arm64_builder_and_launcher_answer_under_qemu()
    {
        var help = Arm64ToolTree.Run([Arm64ToolTree.Bin("tykky"), "--help"]);
        var frontend = Arm64ToolTree.Run([Arm64ToolTree.Bin("wrap-install"), "--help"]);
        var launcher = Arm64ToolTree.Run([Arm64ToolTree.Launcher]);

        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("wrap-install <DIR>", help.Out);
        Assert.True(frontend.ExitCode == 0, frontend.ToString());
        Assert.Contains("--cross-mounts", frontend.Out);
        Assert.Equal(64, launcher.ExitCode);
        Assert.StartsWith("tykky: this is the Tykky launcher", launcher.Stderr);
    }

    [Arm64Fact]
    public void The_arm64_builder_wraps_an_arm64_program_and_reads_the_manifest()
    {
        var info = Arm64ToolTree.Run([Arm64ToolTree.Bin("tykky"), "info", installation.Prefix]);

        Assert.True(installation.BuildResult.ExitCode == 0, installation.BuildResult.ToString());
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains($"Installation:  {installation.Prefix}", info.Out);
        Assert.Contains("hello -> /LOCAL_TYKKY/bin/hello", info.Out);
    }

    [Arm64Fact]
    public void The_arm64_launcher_plans_and_execs_the_wrapped_arm64_program()
    {
        // Arrange: aarch64 programs run through qemu in a user namespace of this test's own: since
        // Linux 6.7 it may mount binfmt_misc and register an interpreter there, seen by it and its
        // children only (bubblewrap's namespaces too), never by the host
        if (Environment.OSVersion.Version < new Version(6, 7))
        {
            Assert.Fail($"Linux {Environment.OSVersion.Version} cannot register binfmt_misc interpreters in a user namespace (6.7 can); the launcher's exec under qemu needs it");
        }
        const string Register = """
            set -e
            mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
            # the kernel reads the \x escapes; F: qemu is opened now, so it is found inside any sandbox
            printf '%s' ":qemu-aarch64:M::\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:$QEMU:F" > /proc/sys/fs/binfmt_misc/register
            exec "$@"
            """;

        // Act: the wrapper is the arm64 launcher; it plans bubblewrap + squashfuse and its inner step execs hello
        var run = Run.Command(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", Register, "sh", Path.Join(installation.Prefix, "bin", "hello"), "a b", "", "*"],
            new RunOptions { Environment = new Dictionary<string, string?> { ["QEMU"] = Arm64ToolTree.Qemu }, Timeout = Arm64ToolTree.Timeout });

        // Assert
        Assert.True(installation.BuildResult.ExitCode == 0, installation.BuildResult.ToString());
        Assert.True(run.ExitCode == 7, run.ToString());
        Assert.Equal("hello from aarch64\n[a b]\n[]\n[*]\n", run.Out);
    }

    [Arm64Fact]
    public void The_arm64_builder_refuses_the_amd64_busybox_container()
    {
        var result = Arm64ToolTree.Run([Arm64ToolTree.Bin("wrap-container"), "-w", "/bin", "--prefix", _scratch["inst"], Containers.BusyboxSif],
            new RunOptions { Environment = new Dictionary<string, string?> { ["CW_BUILD_TMPDIR"] = _scratch["build-base"] } });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"[ ERROR ] Container '{Containers.BusyboxSif}' is for amd64 (its SIF root filesystem is marked amd64) and this host is arm64; give an image built for arm64", result.Stderr);
        Assert.False(Directory.Exists(_scratch["inst"]));
        Assert.False(Directory.Exists(_scratch["build-base"]) && Directory.EnumerateFileSystemEntries(_scratch["build-base"]).Any());
    }
}
