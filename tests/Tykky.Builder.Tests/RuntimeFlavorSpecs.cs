using Tykky.Builder.Runtime;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Tests;

/// <summary>The runtime's flavor comes from its --version output, never from its file name; squashfuse is the low-level program where there is one.</summary>
public sealed class RuntimeFlavorSpecs
{
    [Theory]
    [InlineData("apptainer version 1.1.9", RuntimeKind.Apptainer, "1.1.9")]
    [InlineData("apptainer version 1.3.4-1.el8", RuntimeKind.Apptainer, "1.3.4-1.el8")]
    [InlineData("singularity-ce version 3.11.4-jammy", RuntimeKind.Singularity, "3.11.4-jammy")]
    [InlineData("singularity version 3.8.7-1.el8", RuntimeKind.Singularity, "3.8.7-1.el8")]
    [InlineData("INFO: something first\napptainer version 1.2.5", RuntimeKind.Apptainer, "1.2.5")]
    public void The_flavor_and_version_are_read_from_the_version_line(string output, RuntimeKind kind, string version)
    {
        Assert.Equal((kind, version), RuntimeResolver.FlavorOf(output));
    }

    [Theory]
    [InlineData("")]
    [InlineData("true (GNU coreutils) 9.1")]
    [InlineData("docker version 24.0.7")]
    public void Other_programs_are_not_a_runtime(string output)
    {
        Assert.Null(RuntimeResolver.FlavorOf(output));
    }

    [Theory]
    [InlineData(new[] { "squashfuse", "squashfuse_ll" }, "squashfuse_ll")]
    [InlineData(new[] { "squashfuse" }, "squashfuse")]
    [InlineData(new[] { "squashfuse_ll" }, "squashfuse_ll")]
    public void The_bwrap_runtime_mounts_with_squashfuse_ll_where_there_is_one(string[] programs, string chosen)
    {
        using var directory = new Tykky.Tests.TempDir("squashfuse-search");
        foreach (var program in programs)
        {
            File.CreateSymbolicLink(directory[program], "/bin/true");
        }

        Assert.Equal(directory[chosen], RuntimeResolver.FindSquashfuse(directory.Path));
    }

    [Fact]
    public void Without_either_program_there_is_no_squashfuse()
    {
        using var directory = new Tykky.Tests.TempDir("squashfuse-search");

        Assert.Null(RuntimeResolver.FindSquashfuse(directory.Path));
    }
}
