using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Tests;

/// <summary>The inner step's request travels as the launcher's own argv: encoded by the planner, decoded inside the sandbox.</summary>
public class InnerStepRequestSpecs
{
    public sealed record Case(string Name)
    {
        internal InnerStepRequest Request { get; init; } = null!;

        public override string ToString() => Name;
    }

    public static TheoryData<Case> Shapes() =>
    [
        new("An exec by path with argv[0] and no mounts") { Request = new(null, [], false, Launch(new ProgramPath("/x/bin/python3"), "/p/bin/python")) },
        new("An exec by path with squashfuse, two mounts (one at an offset) and the capability drop")
        {
            Request = new("/usr/bin/squashfuse", [new ImageMount("/p/img.sqfs", "/LOCAL_TYKKY"), new ImageMount("/p/c.sif", "/C", 40960)], true,
                Launch(new ProgramPath("/LOCAL_TYKKY/bin/tool"), "/p/bin/tool", "a", "b")),
        },
        new("A search for one command with arguments") { Request = new(null, [], true, Launch(new CommandSearch(["ls"]), null, "-l", "/")) },
        new("A search for bash, then sh, without arguments") { Request = new("/sq", [new ImageMount("/i", "/m")], true, Launch(new CommandSearch(["bash", "sh"]), null)) },
        new("Arguments that look like the request's own options are left alone")
        {
            Request = new(null, [], false, Launch(new ProgramPath("/bin/x"), "x", "--mount", "a", "b", "c", "--exec-path", "--tykky-inner", "--drop-caps")),
        },
        new("Empty, spaced, multi-line and non-UTF-8 arguments and paths are kept")
        {
            Request = new("/sq fuse", [new ImageMount("/my img.sqfs", "/in side")], true,
                Launch(new ProgramPath("/bin/with space"), "", "", " ", "a\nb", PosixText.Decode([0xFF, 0x00 + 0x41]), "")),
        },
        new("An exec of bubblewrap whose arguments go in memory files, closing fds 0 and 2 first")
        {
            Request = new("/sq", [new ImageMount("/i", "/m")], true, Launch(new ProgramPath("/usr/bin/bwrap"), "/usr/bin/bwrap", "--bind", "/a", "/a") with
            {
                Transport = ArgumentTransport.BwrapArgumentFiles, DescriptorsToClose = [0, 2],
            }),
        },
        new("An exec by path after the prefix view, before the image mount")
        {
            Request = new("/sq", [new ImageMount("/p/generations/2/img.sqfs", "/LOCAL_TYKKY")], true, Launch(new ProgramPath("/LOCAL_TYKKY/bin/x"), "/p/bin/x"))
            {
                View = new PrefixView("/p with space", "generations/2"),
            },
        },
        new("A search closing fd 1") { Request = new(null, [], false, Launch(new CommandSearch(["sh"]), null, "-c", "x") with { DescriptorsToClose = [1] }) },
        new("Sixteen candidates, the most a search may hold") { Request = new(null, [], false, Launch(new CommandSearch(Enumerable.Range(1, 16).Select(i => $"c{i}").ToArray()), null)) },
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Decode_gives_back_what_Encode_wrote(Case row)
    {
        var decoded = InnerStepRequest.Decode(row.Request.Encode());

        Assert.Equal(Describe(row.Request), Describe(decoded));
    }

    [Fact]
    public void Encode_writes_the_documented_argument_order()
    {
        // Arrange
        var request = new InnerStepRequest("/usr/bin/squashfuse", [new ImageMount("/p/img.sqfs", "/LOCAL_TYKKY", 512)], true,
            Launch(new ProgramPath("/LOCAL_TYKKY/bin/python3"), "/p/bin/python", "-c", "1"));

        // Act
        var arguments = request.Encode();

        // Assert
        Assert.Equal(
            ["--tykky-inner", "--squashfuse", "/usr/bin/squashfuse", "--mount", "/p/img.sqfs", "512", "/LOCAL_TYKKY", "--drop-caps",
             "--exec-path", "/LOCAL_TYKKY/bin/python3", "/p/bin/python", "-c", "1"],
            arguments);
    }

    [Fact]
    public void An_exec_by_path_without_argv0_uses_the_path_as_argv0()
    {
        // Arrange
        var request = new InnerStepRequest(null, [], false, Launch(new ProgramPath("/bin/true"), null, "x"));

        // Act
        var encoded = request.Encode();
        var decoded = InnerStepRequest.Decode(encoded);

        // Assert
        Assert.Equal(["--tykky-inner", "--exec-path", "/bin/true", "/bin/true", "x"], encoded);
        Assert.Equal("/bin/true", decoded.Launch.Argv0);
    }

    [Theory]
    [InlineData(new string[] { }, "arguments end too early")]
    [InlineData(new[] { "--not-inner" }, "expected '--tykky-inner'")]
    [InlineData(new[] { "--tykky-inner" }, "arguments end too early")]
    [InlineData(new[] { "--tykky-inner", "--drop-caps" }, "arguments end too early")]
    [InlineData(new[] { "--tykky-inner", "--squashfuse" }, "arguments end too early")]
    [InlineData(new[] { "--tykky-inner", "--mount", "/i", "zero", "/m", "--exec-search", "1", "x" }, "offset is not a number")]
    [InlineData(new[] { "--tykky-inner", "--mount", "/i", "0" }, "arguments end too early")]
    [InlineData(new[] { "--tykky-inner", "--exec-path", "/bin/x" }, "arguments end too early")]
    [InlineData(new[] { "--tykky-inner", "--exec-search", "0" }, "bad candidate count")]
    [InlineData(new[] { "--tykky-inner", "--exec-search", "17", "a" }, "bad candidate count")]
    [InlineData(new[] { "--tykky-inner", "--exec-search", "-1", "a" }, "bad candidate count")]
    [InlineData(new[] { "--tykky-inner", "--exec-search", "two", "a", "b" }, "bad candidate count")]
    [InlineData(new[] { "--tykky-inner", "--exec-search", "2", "bash" }, "arguments end too early")]
    [InlineData(new[] { "--tykky-inner", "--bogus", "--exec-path", "/x", "x" }, "unknown option '--bogus'")]
    [InlineData(new[] { "--tykky-inner", "/bin/python" }, "unknown option '/bin/python'")]
    [InlineData(new[] { "--tykky-inner", "--close-fds", "3", "--exec-path", "/x", "x" }, "--close-fds takes numbers from 0 to 2")]
    [InlineData(new[] { "--tykky-inner", "--close-fds", "", "--exec-path", "/x", "x" }, "--close-fds takes numbers from 0 to 2")]
    public void Decode_rejects_damaged_requests_with_a_usage_error(string[] arguments, string why)
    {
        // Act
        var failure = Assert.Throws<LaunchException>(() => InnerStepRequest.Decode(arguments));

        // Assert
        Assert.Equal($"tykky: bad inner-step arguments '--tykky-inner': {why}; this launcher starts itself this way, do not call it by hand", failure.ToLine());
        Assert.Equal(ExitCode.Usage, failure.ExitCode);
    }

    [Fact]
    public void A_bubblewrap_launch_is_split_into_its_options_and_the_inner_request_for_two_memory_files()
    {
        // Arrange
        string[] arguments = ["--unshare-user", "--bind", "/a", "/a", "--", "/p/tykky-launcher", "--tykky-inner", "--drop-caps", "--exec-path", "/x", "x", "--", "--tykky-inner"];

        // Act
        var files = BwrapArgumentFiles.Split(arguments);

        // Assert
        Assert.Equal(["--unshare-user", "--bind", "/a", "/a"], files.Options);
        Assert.Equal(["--drop-caps", "--exec-path", "/x", "x", "--", "--tykky-inner"], files.Request);
        Assert.Equal(["--args", "5", "--", "/p/tykky-launcher", "--tykky-inner", "--request-fd", "6"], files.Arguments(5, 6));
    }

    private static ProgramLaunch Launch(ExecTarget target, string? argv0, params string[] arguments) => new(target, argv0, arguments);

    /// <summary>Records hold lists, which compare by reference; this text compares by content.</summary>
    private static string Describe(InnerStepRequest request)
    {
        var target = request.Launch.Target switch
        {
            ProgramPath path => $"path {path.Path} argv0 {request.Launch.Argv0 ?? path.Path}",
            CommandSearch search => $"search [{string.Join('|', search.Candidates)}] argv0 {request.Launch.Argv0}",
            _ => throw new InvalidOperationException(),
        };
        var mounts = string.Join('|', request.Mounts.Select(m => $"{m.Image}@{m.Offset}->{m.Destination}"));
        return $"squashfuse {request.Squashfuse}; view {request.View}; mounts [{mounts}]; drop {request.DropCapabilities}; {target}; args [{string.Join('|', request.Launch.Arguments)}]; "
            + $"close [{string.Join(',', request.Launch.DescriptorsToClose)}]; transport {request.Launch.Transport}";
    }
}
