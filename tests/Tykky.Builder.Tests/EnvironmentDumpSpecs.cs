using Tykky.Builder;
using Tykky.Builder.Packages;

namespace Tykky.Builder.Tests;

/// <summary>The activation probe's output: env -0, the marker, env -0.</summary>
public class EnvironmentDumpSpecs
{
    [Fact]
    public void The_two_dumps_are_split_at_the_marker_keeping_newlines_and_equals_signs_in_values()
    {
        var output = "A=1\0MULTI=line one\nline two\0" + EnvironmentDump.Marker + "\0A=1\0EQ=x=y\0CONDA_PREFIX=/env\0";

        var (before, after) = EnvironmentDump.Parse(output);

        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["MULTI"] = "line one\nline two" }, before);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["EQ"] = "x=y", ["CONDA_PREFIX"] = "/env" }, after);
    }

    [Fact]
    public void Output_without_the_marker_is_an_error_pointing_at_the_log()
    {
        var failure = Assert.Throws<BuildException>(() => EnvironmentDump.Parse("A=1\0"));

        Assert.Contains("Recording the conda activation failed", failure.Message);
    }
}
