using Tykky.Builder.Config;
using Tykky.Tests;

namespace Tykky.Builder.Tests;

/// <summary>The manifest's launch environment: library directories first, then the extra_envs items in order.</summary>
public class LaunchEnvironmentSpecs
{
    [Fact]
    public void Library_directories_are_prepended_to_LD_LIBRARY_PATH_before_the_user_items()
    {
        // Arrange
        string[] libraries = ["/LOCAL_TYKKY/lib", "/LOCAL_TYKKY/lib64"];
        EnvironmentSource[] sources = [new(null, "A", "1", "set")];

        // Act
        var changes = LaunchEnvironment.From(libraries, sources);

        // Assert
        Assert.Equal(["prepend LD_LIBRARY_PATH=/LOCAL_TYKKY/lib:/LOCAL_TYKKY/lib64", "set A=1"], changes.Select(EnvironFileSpecs.Describe));
    }

    [Fact]
    public void Without_library_directories_only_the_user_items_are_applied()
    {
        // Arrange
        EnvironmentSource[] sources = [new(null, "P", "/x", "prepend"), new(null, "Q", "/y", "append"), new(null, "R", "", "set")];

        // Act
        var changes = LaunchEnvironment.From([], sources);

        // Assert
        Assert.Equal(["prepend P=/x", "append Q=/y", "set R="], changes.Select(EnvironFileSpecs.Describe));
    }

    [Fact]
    public void Environ_files_are_read_in_their_place_among_the_items()
    {
        // Arrange
        using var directory = new TempDir("environ");
        var file = directory.Write("env.sh", "export A=from-file\nunset B\n");
        EnvironmentSource[] sources = [new(null, "FIRST", "1", "set"), new(file, null, null, null), new(null, "LAST", "2", "set")];

        // Act
        var changes = LaunchEnvironment.From([], sources);

        // Assert
        Assert.Equal(["set FIRST=1", "set A=from-file", "unset B", "set LAST=2"], changes.Select(EnvironFileSpecs.Describe));
    }

    [Fact]
    public void An_error_in_an_environ_file_names_the_file_and_line()
    {
        // Arrange
        using var directory = new TempDir("environ");
        var file = directory.Write("env.sh", "A=1\nB=$(date)\n");

        // Act
        var failure = Assert.Throws<BuildException>(() => LaunchEnvironment.From([], [new(file, null, null, null)]));

        // Assert
        Assert.StartsWith($"Environ file line {file}:2: command substitution", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_environ_file_is_an_error_naming_it()
    {
        // Arrange
        using var directory = new TempDir("environ");
        var file = directory["missing.sh"];

        // Act
        var failure = Assert.Throws<BuildException>(() => LaunchEnvironment.From([], [new(file, null, null, null)]));

        // Assert
        Assert.StartsWith($"Cannot read environ file '{file}': ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_type_other_than_set_prepend_append_is_an_error()
    {
        // Act
        var failure = Assert.Throws<BuildException>(() => LaunchEnvironment.From([], [new(null, "X", "1", "replace")]));

        // Assert
        Assert.Equal("extra_envs entry 'X' has type 'replace'; use set, prepend or append", failure.Message);
    }
}
