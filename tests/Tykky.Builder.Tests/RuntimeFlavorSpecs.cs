using Tykky.Builder.Runtime;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Tests;

/// <summary>The runtime's flavor comes from its --version output, never from its file name.</summary>
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
}
