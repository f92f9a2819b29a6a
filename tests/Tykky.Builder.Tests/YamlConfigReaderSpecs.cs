using Tykky.Builder.Config;
using Tykky.Tests;
using static Tykky.Builder.Tests.Fixtures.Configs;

namespace Tykky.Builder.Tests;

/// <summary>YAML to configuration nodes: mappings only at the top, every node knows its file and line.</summary>
public class YamlConfigReaderSpecs
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n")]
    [InlineData("~")]
    [InlineData("---\n...\n")]
    public void An_empty_document_is_an_empty_mapping(string text)
    {
        // Act
        var map = YamlConfigReader.Parse(text, "/cfg/empty.yaml", "YAML file (-y)");

        // Assert
        Assert.Empty(map.Entries);
        Assert.Equal("/cfg/empty.yaml", map.Origin);
    }

    [Theory]
    [InlineData("a: 1\nb: c: d\n", "line 2")]
    // An unclosed list is noticed where the text ends.
    [InlineData("a: 1\nb: [unclosed\n", "line 3")]
    [InlineData("a: 1\n  b: 2\n", "line 2")]
    [InlineData("key: 'open\n", "line 1")]
    [InlineData("a: 1\na: 2\n", "line 2")]
    public void A_syntax_error_names_the_purpose_the_file_and_the_line(string text, string line)
    {
        // Act
        var failure = Assert.Throws<BuildException>(() => YamlConfigReader.Parse(text, "/cfg/conf.yaml", "YAML file (-y)"));

        // Assert
        Assert.True(failure.Message.StartsWith($"YAML file (-y) '/cfg/conf.yaml' is not valid YAML ({line}, column ", StringComparison.Ordinal), failure.Message);
    }

    [Theory]
    [InlineData("- a\n- b\n", "line 1")]
    [InlineData("\n\njust text\n", "line 3")]
    public void A_top_level_that_is_not_a_mapping_is_rejected_with_its_line(string text, string line)
    {
        // Act
        var failure = Assert.Throws<BuildException>(() => YamlConfigReader.Parse(text, "/cfg/list.yaml", "site config"));

        // Assert
        Assert.Equal($"site config '/cfg/list.yaml' must be a mapping of keys to values ({line})", failure.Message);
    }

    [Fact]
    public void A_key_that_is_not_a_plain_name_is_rejected()
    {
        // Act
        var failure = Assert.Throws<BuildException>(() => YamlConfigReader.Parse("? [a, b]\n: 1\n", "/cfg/k.yaml", "YAML file"));

        // Assert
        Assert.Equal("'/cfg/k.yaml' line 1: keys must be plain names", failure.Message);
    }

    [Fact]
    public void Scalars_lists_and_mappings_keep_their_text_order_and_origin()
    {
        // Arrange
        const string text = """
            installation_path: /LOCAL_TYKKY
            composable: yes
            num_cpus: 4
            mount_points:
              - /scratch
              - /projappl
            post_install:
              - echo hi
              - file: /x/post.sh
            """;

        // Act
        var map = YamlConfigReader.Parse(text, "/cfg/user.yaml", "YAML file");

        // Assert
        Assert.Equal("installation_path: /LOCAL_TYKKY; composable: yes; num_cpus: 4; mount_points: [/scratch, /projappl]; post_install: [echo hi, {file: /x/post.sh}]", Render(map));
        Assert.Equal("/cfg/user.yaml:1", map.Get("installation_path")!.Origin);
        Assert.Equal("/cfg/user.yaml:5", map.Get("mount_points")!.Origin);
        Assert.Equal("/cfg/user.yaml:6", ((ConfigList)map.Get("mount_points")!).Items[1].Origin);
    }

    [Theory]
    [InlineData("k:", "")]
    [InlineData("k: ~", "")]
    [InlineData("k: null", "")]
    [InlineData("k: NULL", "")]
    [InlineData("k: ''", "")]
    // Quoted, "null" is text.
    [InlineData("k: 'null'", "null")]
    [InlineData("k: \"~\"", "~")]
    // Values stay text: YAML 1.1 booleans and numbers are not converted.
    [InlineData("k: yes", "yes")]
    [InlineData("k: 007", "007")]
    [InlineData("k: 'a: b # c'", "a: b # c")]
    [InlineData("k: a # comment", "a")]
    public void Scalars_are_text_and_null_is_empty(string text, string expected) =>
        Assert.Equal(expected, Render(YamlConfigReader.Parse(text, "f.yaml", "YAML file").Get("k")!));

    [Fact]
    public void ReadFile_names_a_missing_file()
    {
        // Arrange
        using var directory = new TempDir("yaml");
        var path = directory["missing.yaml"];

        // Act
        var failure = Assert.Throws<BuildException>(() => YamlConfigReader.ReadFile(path, "YAML file (-y)"));

        // Assert
        Assert.StartsWith($"Cannot read YAML file (-y) '{path}': ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_reads_a_file_with_its_path_as_origin()
    {
        // Arrange
        using var directory = new TempDir("yaml");
        var path = directory.Write("conf.yaml", "a: 1\n");

        // Act
        var map = YamlConfigReader.ReadFile(path, "YAML file (-y)");

        // Assert
        Assert.Equal($"{path}:1", map.Get("a")!.Origin);
    }
}
