using Tykky.Builder.Config;
using static Tykky.Builder.Tests.Fixtures.Configs;

namespace Tykky.Builder.Tests;

/// <summary>share/conf.yaml: the effective configuration written as YAML reads back the same.</summary>
public class ConfigYamlWriterSpecs
{
    public sealed record Case(string Name, ConfigMap Config)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Configs() =>
    [
        new("An empty configuration", ConfigMap.Empty("test")),
        new("A typical effective configuration", Yaml("""
            installation_path: /LOCAL_TYKKY_K3X9
            composable: yes
            num_cpus: 4
            mount_points: [/scratch, /projappl]
            excluded_mount_points: []
            post_install: ['echo $HOME', {file: /home/u/post.sh}]
            extra_envs: [{name: CACHE, value: $HOME/.cache, type: prepend}]
            sqfs_options: -noappend -comp zstd
            """)),
        new("Text that YAML would read as something else stays text", Map(
            ("yes", "yes"), ("number", "007"), ("float", "1e3"), ("colon", "a: b"), ("hash", "#not a comment"), ("dash", "- item"),
            ("quotes", "it's \"quoted\""), ("braces", "{a: b}"), ("brackets", "[a]"), ("star", "*alias"), ("amp", "&anchor"),
            ("percent", "%TAG"), ("at", "@x"), ("backtick", "`x`"), ("pipe", "| x"), ("greater", "> x"), ("question", "? x"))),
        new("Spaces, tabs, newlines and unicode survive", Map(
            ("leading", "  lead"), ("trailing", "trail  "), ("tab", "a\tb"), ("newline", "line1\nline2"), ("final-newline", "x\n"),
            ("unicode", "ünïcødé 😀"), ("backslash", "C:\\path\\$x"), ("empty", ""))),
        new("Nested lists and maps survive", Yaml("a: [[x, y], {k: [1, 2]}, '']\nb: {c: {d: e}}")),
    ];

    [Theory]
    [MemberData(nameof(Configs))]
    public void Written_YAML_reads_back_the_same(Case row)
    {
        var yaml = ConfigYamlWriter.ToYaml(row.Config);
        var readBack = YamlConfigReader.Parse(yaml, "conf.yaml", "conf.yaml");

        Assert.Equal(Render(row.Config), Render(readBack));
    }

    [Fact]
    public void The_output_is_block_YAML_ending_in_one_newline_without_a_document_end_marker()
    {
        // Arrange
        var config = Yaml("a: 1\nlist: [x, y]");

        // Act
        var yaml = ConfigYamlWriter.ToYaml(config);

        // Assert
        Assert.Equal("a: 1\nlist:\n- x\n- y\n", yaml);
    }

    [Fact]
    public void A_last_value_ending_in_spaces_keeps_them()
    {
        // Arrange
        var config = Map(("first", "1"), ("last", "ends with space "));

        // Act
        var readBack = YamlConfigReader.Parse(ConfigYamlWriter.ToYaml(config), "conf.yaml", "conf.yaml");

        // Assert
        Assert.Equal("ends with space ", Render(readBack.Get("last")!));
    }

    [Theory]
    [InlineData("/LOCAL_TYKKY/.")]
    [InlineData("version 1.2.")]
    public void A_last_value_ending_in_a_dot_keeps_it(string value)
    {
        // Arrange
        var config = Map(("first", "1"), ("last", value));

        // Act
        var readBack = YamlConfigReader.Parse(ConfigYamlWriter.ToYaml(config), "conf.yaml", "conf.yaml");

        // Assert
        Assert.Equal(value, Render(readBack.Get("last")!));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("NULL")]
    public void The_text_null_stays_text(string value)
    {
        // Arrange
        var config = Map(("value", value), ("after", "x"));

        // Act
        var readBack = YamlConfigReader.Parse(ConfigYamlWriter.ToYaml(config), "conf.yaml", "conf.yaml");

        // Assert
        Assert.Equal(value, Render(readBack.Get("value")!));
    }

    private static ConfigMap Map(params (string Key, string Value)[] entries) =>
        new(entries.Select(e => new KeyValuePair<string, ConfigNode>(e.Key, new ConfigScalar(e.Value, "test"))).ToArray(), "test");
}
