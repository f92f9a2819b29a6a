using Tykky.Builder.Container;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Tests;

/// <summary>Path resolution and wrapper scanning inside a container known only from a listing (no host files involved).</summary>
public class ContainerPathsSpecs
{
    private static readonly UnixFileMode Executable = (UnixFileMode)Convert.ToInt32("755", 8);
    private static readonly UnixFileMode Plain = (UnixFileMode)Convert.ToInt32("644", 8);

    /// <summary>A merged-/usr root like Debian's: /bin → usr/bin, python3 → python3.11, alternatives.</summary>
    private static readonly ListedFiles Root = new(
    [
        Directory("/"), Directory("/usr"), Directory("/usr/bin"), Directory("/etc"), Directory("/etc/alternatives"), Directory("/opt"), Directory("/empty"),
        Link("/bin", "usr/bin"),
        File("/usr/bin/python3.11", Executable),
        Link("/usr/bin/python3", "python3.11"),
        Link("/usr/bin/editor", "/etc/alternatives/editor"),
        Link("/etc/alternatives/editor", "/usr/bin/nano"),
        File("/usr/bin/nano", Executable),
        File("/usr/bin/README", Plain),
        Link("/usr/bin/dangling", "missing"),
        Link("/usr/bin/loop-a", "loop-b"),
        Link("/usr/bin/loop-b", "loop-a"),
        Link("/opt/up", "../usr/bin"),
    ], path => $"text of {path}");

    [Theory]
    [InlineData("/bin/python3", "/usr/bin/python3.11")]
    [InlineData("/bin/editor", "/usr/bin/nano")]
    [InlineData("/opt/up/python3", "/usr/bin/python3.11")]
    [InlineData("/usr/bin/../bin/./nano", "/usr/bin/nano")]
    [InlineData("/bin", "/usr/bin")]
    [InlineData("/", "/")]
    public void Links_resolve_in_the_containers_own_view(string path, string expected)
    {
        var (resolved, entry) = ContainerPaths.Resolve(Root, path);

        Assert.Equal(expected, resolved);
        Assert.NotNull(entry);
    }

    [Theory]
    [InlineData("/bin/dangling", "/usr/bin/missing")]
    [InlineData("/nope/deeper/file", "/nope/deeper/file")]
    public void A_missing_path_resolves_to_no_entry(string path, string expected)
    {
        var (resolved, entry) = ContainerPaths.Resolve(Root, path);

        Assert.Equal(expected, resolved);
        Assert.Null(entry);
    }

    [Fact]
    public void A_link_loop_ends_with_no_entry()
    {
        Assert.Null(ContainerPaths.Resolve(Root, "/bin/loop-a").Entry);
    }

    [Fact]
    public void Wrappers_are_found_through_a_linked_directory_with_the_path_given()
    {
        // Act
        var (targets, warnings) = WrapperScanner.Scan(["/bin", "/empty", "/usr/bin/README"], Root, wrapAll: false, "the container");

        // Assert: links count when they lead to an executable; a file path wraps even a non-executable
        Assert.Equal(["/bin/editor", "/bin/nano", "/bin/python3", "/bin/python3.11", "/usr/bin/README"], targets.Select(t => t.PathInside));
        Assert.Equal(["Wrapper path /empty does not exist in the container or has no executables; if only executables are wrapped, did you forget chmod +x?"], warnings);
    }

    [Fact]
    public void Only_files_can_be_read()
    {
        Assert.Equal("text of /usr/bin/nano", Root.ReadText("/usr/bin/nano"));
        Assert.Null(Root.ReadText("/usr/bin"));
        Assert.Null(Root.ReadText("/nope"));
    }

    private static KeyValuePair<string, ContainerFile> Directory(string path) => new(path, new ContainerFile(ContainerFileKind.Directory, Executable));

    private static KeyValuePair<string, ContainerFile> File(string path, UnixFileMode mode) => new(path, new ContainerFile(ContainerFileKind.File, mode));

    private static KeyValuePair<string, ContainerFile> Link(string path, string target) => new(path, new ContainerFile(ContainerFileKind.Link, (UnixFileMode)Convert.ToInt32("777", 8), target));
}
