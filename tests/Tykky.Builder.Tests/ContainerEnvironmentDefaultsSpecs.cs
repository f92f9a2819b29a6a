using Tykky.Builder.Container;

namespace Tykky.Builder.Tests;

/// <summary>The PATH and LD_LIBRARY_PATH read from a container's env scripts without running it.</summary>
public class ContainerEnvironmentDefaultsSpecs
{
    private const string Standard = ContainerEnvironmentDefaults.StandardPath;

    /// <summary>/etc/environment, the env scripts, and the PATH and LD_LIBRARY_PATH expected.</summary>
    public sealed record Case(string Name, string? EtcEnvironment, string[] Scripts, string Path, string? LdLibraryPath)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases() =>
    [
        new("nothing set: apptainer's standard PATH", null, [], Standard, null),
        // what apptainer 1.1 writes into images built from busybox.sif's definition: all in conditionals
        new("assignments inside if blocks do not count", null,
            ["if [ -z \"${LD_LIBRARY_PATH:-}\" ]; then\n    LD_LIBRARY_PATH=\"/.singularity.d/libs\"\nelse\n    LD_LIBRARY_PATH=\"$LD_LIBRARY_PATH:/.singularity.d/libs\"\nfi\nexport LD_LIBRARY_PATH PS1\n",
             "if test -n \"${SINGULARITY_APPNAME:-}\"; then\n    PATH=\"/scif/apps:$PATH\"\nfi\n"],
            Standard, null),
        // docker2singularity: PATH exported plainly, other variables with a default
        new("a docker image's environment", null,
            ["#!/bin/sh\nexport PATH=\"/opt/conda/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\nexport LD_LIBRARY_PATH=\"${LD_LIBRARY_PATH:-\"/usr/local/nvidia/lib:/usr/local/nvidia/lib64\"}\"\nexport LANG=\"${LANG:-\"C.UTF-8\"}\"\n"],
            "/opt/conda/bin:" + Standard, "/usr/local/nvidia/lib:/usr/local/nvidia/lib64"),
        new("a definition file's %environment refers to earlier values", null,
            ["export PATH=\"/opt/conda/bin:/usr/bin:/bin\"\n", "APP=/opt/app\nexport PATH=$APP/bin:${PATH}\nLD_LIBRARY_PATH=$APP/lib; export LD_LIBRARY_PATH\n"],
            "/opt/app/bin:/opt/conda/bin:/usr/bin:/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/sbin", "/opt/app/lib"),
        new("/etc/environment when there are no scripts", "# pam_env\nPATH=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games\"\n", [],
            Standard + ":/usr/games", null),
        new("command substitutions and functions are skipped", null,
            ["PATH=$(cat /etc/path)\nsetup() {\n    PATH=/inside/function\n}\nexport PATH=`echo /x`\n"],
            Standard, null),
        new("single quotes are literal", null, ["export LD_LIBRARY_PATH='/opt/$lib'\n"], Standard, "/opt/$lib"),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Defaults_come_from_plain_top_level_assignments(Case row)
    {
        var (path, libraries) = ContainerEnvironmentDefaults.From(row.EtcEnvironment, row.Scripts);

        Assert.Equal(row.Path, path);
        Assert.Equal(row.LdLibraryPath, libraries);
    }

    [Theory]
    [InlineData("/a:$PATH", "/a:/usr/bin")]
    [InlineData("\"${HOME}/x\"", "/home/me/x")]
    [InlineData("${UNSET:-\"/d e f\"}", "/d e f")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${EMPTY-fallback}", "")]
    [InlineData("a\\ b", "a b")]
    [InlineData("first second", "first")]
    [InlineData("$UNSET/x", "/x")]
    public void Shell_words_expand_like_sh(string word, string expected)
    {
        var variables = new Dictionary<string, string> { ["PATH"] = "/usr/bin", ["HOME"] = "/home/me", ["EMPTY"] = "" };

        Assert.Equal(expected, ShellWords.Expand(word, variables));
    }

    [Theory]
    [InlineData("$(pwd)")]
    [InlineData("`pwd`")]
    [InlineData("\"unterminated")]
    [InlineData("${PATH#/usr}")]
    [InlineData("$((1+1))")]
    public void Words_that_need_a_shell_give_nothing(string word)
    {
        Assert.Null(ShellWords.Expand(word, new Dictionary<string, string>()));
    }
}
