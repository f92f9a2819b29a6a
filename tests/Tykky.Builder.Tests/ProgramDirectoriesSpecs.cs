using Tykky.Builder.Container;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Tests;

/// <summary>The directories derived from wrapper paths inside a container: PATH in isolated mode, library directories for add_ld.</summary>
public class ProgramDirectoriesSpecs
{
    private static readonly ListedFiles Root = new(
    [
        Entry("/", ContainerFileKind.Directory), Entry("/usr", ContainerFileKind.Directory), Entry("/usr/bin", ContainerFileKind.Directory),
        Entry("/usr/lib", ContainerFileKind.Directory), Entry("/opt", ContainerFileKind.Directory), Entry("/opt/app", ContainerFileKind.Directory),
        Entry("/opt/app/bin", ContainerFileKind.Directory), Entry("/opt/app/lib64", ContainerFileKind.Directory),
        Entry("/opt/app/run.sh", ContainerFileKind.File), Entry("/bin", ContainerFileKind.Link, "usr/bin"),
    ], _ => null);

    /// <summary>Wrapper paths, isolation, and the PATH prepended inside (null: none).</summary>
    public sealed record Case(string Name, bool Isolate, string[] WrapperPaths, string? Path)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases() =>
    [
        new("directories in the order given", true, ["/opt/app/bin", "/usr/bin"], "/opt/app/bin:/usr/bin"),
        // the path as the user gave it, not the link's target: that is what programs see
        new("a linked directory keeps its name", true, ["/bin/"], "/bin"),
        new("a file contributes its directory, once", true, ["/opt/app/run.sh", "/opt/app"], "/opt/app"),
        new("missing paths contribute nothing", true, ["/nope", "/opt/app/bin"], "/opt/app/bin"),
        new("nothing to add", true, ["/nope"], null),
        // host mode: the caller's PATH holds <prefix>/bin, which is _bin inside
        new("host mode adds nothing", false, ["/opt/app/bin"], null),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Isolated_containers_get_the_wrapped_directories_first_on_PATH(Case row)
    {
        var change = ProgramDirectories.SearchPath(row.Isolate, row.WrapperPaths, Root);

        Assert.Equal(row.Path, change?.Value);
        Assert.True(change is null || change is { Name: "PATH", Action: Launcher.Manifest.EnvironmentAction.Prepend });
    }

    [Fact]
    public void Library_directories_are_the_existing_lib_and_lib64_beside_each_wrapper_path()
    {
        var libraries = ProgramDirectories.Libraries(["/opt/app/bin", "/usr/bin", "/bin"], Root);

        Assert.Equal(["/opt/app/lib64", "/usr/lib"], libraries);
    }

    private static KeyValuePair<string, ContainerFile> Entry(string path, ContainerFileKind kind, string? target = null) =>
        new(path, new ContainerFile(kind, (UnixFileMode)Convert.ToInt32("755", 8), target));
}
