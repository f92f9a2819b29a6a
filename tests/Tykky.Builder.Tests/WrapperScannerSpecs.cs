using Tykky.Builder.Steps;
using Tykky.Builder.Tests.Fixtures;

namespace Tykky.Builder.Tests;

/// <summary>Which programs get wrappers, found on a real installation tree seen through the container's paths.</summary>
public class WrapperScannerSpecs
{
    private const string Bin = "/LOCAL_TYKKY/bin";

    [Fact]
    public void Executables_and_links_to_executables_are_wrapped_in_name_order()
    {
        // Arrange
        using var tree = new ImageTree();
        tree.Program("bin/python3.12");
        tree.Program("bin/pip");
        tree.Link("bin/python", "python3.12");
        tree.File("bin/activate");
        tree.Link("bin/activate-link", "activate");
        tree.Link("bin/broken", "missing");
        tree.Directory("bin/subdir");
        tree.Link("bin/dirlink", "subdir");

        // Act
        var (targets, warnings) = WrapperScanner.Scan([Bin], tree.OnHost, wrapAll: false);

        // Assert
        Assert.Equal(["pip -> /LOCAL_TYKKY/bin/pip", "python -> /LOCAL_TYKKY/bin/python", "python3.12 -> /LOCAL_TYKKY/bin/python3.12"], targets.Select(Describe));
        Assert.Empty(warnings);
    }

    [Fact]
    public void An_absolute_link_is_followed_inside_the_installation_through_the_path_mapping()
    {
        // Arrange: /LOCAL_TYKKY/bin/python3 → /LOCAL_TYKKY/libexec/python3.12 exists only in the tree on the host.
        using var tree = new ImageTree();
        tree.Program("libexec/python3.12");
        tree.Link("bin/python3", "/LOCAL_TYKKY/libexec/python3.12");
        tree.Link("bin/gone", "/LOCAL_TYKKY/libexec/missing");

        // Act
        var (targets, _) = WrapperScanner.Scan([Bin], tree.OnHost, wrapAll: false);

        // Assert
        Assert.Equal(["python3 -> /LOCAL_TYKKY/bin/python3"], targets.Select(Describe));
    }

    [Fact]
    public void A_link_out_of_the_installation_is_followed_on_the_host()
    {
        // Arrange
        using var tree = new ImageTree();
        var hostTool = tree.Outside("host/tool");
        Directory.CreateDirectory(Path.GetDirectoryName(hostTool)!);
        File.WriteAllText(hostTool, "#!/bin/sh\n");
        File.SetUnixFileMode(hostTool, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        tree.Link("bin/tool", hostTool);

        // Act
        var (targets, _) = WrapperScanner.Scan([Bin], tree.OnHost, wrapAll: false);

        // Assert
        Assert.Equal(["tool -> /LOCAL_TYKKY/bin/tool"], targets.Select(Describe));
    }

    [Fact]
    public void Any_execute_bit_makes_a_program()
    {
        // Arrange
        using var tree = new ImageTree();
        tree.File("bin/user-x", UnixFileMode.UserRead | UnixFileMode.UserExecute);
        tree.File("bin/group-x", UnixFileMode.UserRead | UnixFileMode.GroupExecute);
        tree.File("bin/other-x", UnixFileMode.UserRead | UnixFileMode.OtherExecute);
        tree.File("bin/no-x", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // Act
        var (targets, _) = WrapperScanner.Scan([Bin], tree.OnHost, wrapAll: false);

        // Assert
        Assert.Equal(["group-x", "other-x", "user-x"], targets.Select(t => t.Name));
    }

    [Fact]
    public void wrap_all_wraps_every_file_and_link_to_a_file_but_not_directories_or_broken_links()
    {
        // Arrange
        using var tree = new ImageTree();
        tree.Program("bin/pip");
        tree.File("bin/activate");
        tree.File("bin/README");
        tree.Link("bin/readme-link", "README");
        tree.Link("bin/broken", "missing");
        tree.Directory("bin/subdir");

        // Act
        var (targets, warnings) = WrapperScanner.Scan([Bin], tree.OnHost, wrapAll: true);

        // Assert
        Assert.Equal(["README", "activate", "pip", "readme-link"], targets.Select(t => t.Name));
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_file_path_wraps_that_one_program()
    {
        // Arrange
        using var tree = new ImageTree();
        tree.Program("opt/app/run.sh");
        tree.Program("opt/app/other");

        // Act
        var (targets, warnings) = WrapperScanner.Scan(["/LOCAL_TYKKY/opt/app/run.sh"], tree.OnHost, wrapAll: false);

        // Assert
        Assert.Equal(["run.sh -> /LOCAL_TYKKY/opt/app/run.sh"], targets.Select(Describe));
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_linked_directory_is_scanned_under_the_path_given()
    {
        // Arrange
        using var tree = new ImageTree();
        tree.Program("versions/2.1/bin/tool");
        tree.Link("current", "versions/2.1/bin");

        // Act
        var (targets, _) = WrapperScanner.Scan(["/LOCAL_TYKKY/current/"], tree.OnHost, wrapAll: false);

        // Assert
        Assert.Equal(["tool -> /LOCAL_TYKKY/current/tool"], targets.Select(Describe));
    }

    [Fact]
    public void A_missing_path_gives_a_warning_and_no_wrappers()
    {
        // Arrange
        using var tree = new ImageTree();

        // Act
        var (targets, warnings) = WrapperScanner.Scan(["/LOCAL_TYKKY/nope"], tree.OnHost, wrapAll: false);

        // Assert
        Assert.Empty(targets);
        Assert.Equal(
            ["Wrapper path /LOCAL_TYKKY/nope does not exist in the installation or has no executables; if only executables are wrapped, did you forget chmod +x?"],
            warnings);
    }

    [Fact]
    public void A_directory_without_files_warns_about_files_under_wrap_all()
    {
        // Arrange
        using var tree = new ImageTree();
        tree.Directory("empty");

        // Act
        var (_, warnings) = WrapperScanner.Scan(["/LOCAL_TYKKY/empty"], tree.OnHost, wrapAll: true);

        // Assert
        Assert.Equal(
            ["Wrapper path /LOCAL_TYKKY/empty does not exist in the installation or has no files; if only executables are wrapped, did you forget chmod +x?"],
            warnings);
    }

    [Fact]
    public void Duplicate_names_warn_and_the_first_wrapper_path_wins()
    {
        // Arrange
        using var tree = new ImageTree();
        tree.Program("a/tool");
        tree.Program("a/only-a");
        tree.Program("b/tool");
        tree.Program("b/only-b");

        // Act
        var (targets, warnings) = WrapperScanner.Scan(["/LOCAL_TYKKY/a", "/LOCAL_TYKKY/nope", "/LOCAL_TYKKY/b"], tree.OnHost, wrapAll: false);

        // Assert
        Assert.Equal(
            ["only-a -> /LOCAL_TYKKY/a/only-a", "tool -> /LOCAL_TYKKY/a/tool", "only-b -> /LOCAL_TYKKY/b/only-b"],
            targets.Select(Describe));
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("Wrapper path /LOCAL_TYKKY/nope does not exist", warnings[0], StringComparison.Ordinal);
        Assert.Equal("Multiple programs are named 'tool': /LOCAL_TYKKY/a/tool gets the wrapper, /LOCAL_TYKKY/b/tool does not", warnings[1]);
    }

    private static string Describe(WrapperTarget target) => $"{target.Name} -> {target.PathInside}";
}
