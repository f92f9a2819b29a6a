using Tykky.Launcher.Host;

namespace Tykky.Launcher.Tests;

/// <summary>Pure path arithmetic on POSIX path strings.</summary>
public class PathTextSpecs
{
    [Theory]
    [InlineData("/a/b", "/a")]
    [InlineData("/a/b/", "/a")]
    [InlineData("/b", "/")]
    [InlineData("b", ".")]
    [InlineData("a/b", "a")]
    [InlineData("/a/b/c.d", "/a/b")]
    public void DirectoryOf_gives_the_directory_part(string path, string expected) =>
        Assert.Equal(expected, PathText.DirectoryOf(path));

    [Theory]
    [InlineData("/a/b", "b")]
    [InlineData("/a/b/", "b")]
    [InlineData("b", "b")]
    [InlineData("/a/python3.12", "python3.12")]
    public void NameOf_gives_the_last_component(string path, string expected) =>
        Assert.Equal(expected, PathText.NameOf(path));

    [Theory]
    [InlineData("/a", "b", "/a/b")]
    [InlineData("/a/", "b", "/a/b")]
    [InlineData("/a", "/b", "/a/b")]
    [InlineData("/a/", "/b", "/a/b")]
    [InlineData("/", "b", "/b")]
    [InlineData("/a", "../b", "/a/../b")]
    public void Join_puts_exactly_one_slash_between_parts(string left, string right, string expected) =>
        Assert.Equal(expected, PathText.Join(left, right));

    [Theory]
    [InlineData("/env/bin", "../tykky-launcher", "/env/bin/../tykky-launcher")]
    [InlineData("/env/bin", "/opt/other", "/opt/other")]
    [InlineData("/ve/bin", "python3", "/ve/bin/python3")]
    public void ResolveAgainst_joins_relative_link_targets_to_the_link_directory(string directory, string target, string expected) =>
        Assert.Equal(expected, PathText.ResolveAgainst(directory, target));

    [Theory]
    [InlineData("/a/b", "/a", true)]
    [InlineData("/a", "/a", true)]
    [InlineData("/a/b", "/a/", true)]
    [InlineData("/anything", "/", true)]
    // A common string prefix is not a common directory.
    [InlineData("/ab", "/a", false)]
    [InlineData("/tmpx/job", "/tmp", false)]
    [InlineData("/a", "/a/b", false)]
    public void IsAtOrBelow_compares_whole_components(string path, string ancestor, bool expected) =>
        Assert.Equal(expected, PathText.IsAtOrBelow(path, ancestor));

    [Theory]
    [InlineData("/d", "./a", "/d/a")]
    [InlineData("/d", "a", "/d/a")]
    [InlineData("/d/", "./b//./a", "/d/b/a")]
    [InlineData("/", "./a", "/a")]
    [InlineData("/d", "/abs/a", "/abs/a")]
    [InlineData("/d/e", "../a", "/d/e/../a")]   // ".." is the kernel's to resolve: /d/e may be a link
    [InlineData("/d", ".", "/d")]
    public void Absolute_joins_a_relative_path_to_the_directory_without_dot_components(string directory, string path, string expected) =>
        Assert.Equal(expected, PathText.Absolute(directory, path));
}
