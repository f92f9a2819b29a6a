using Tykky.Builder.Config;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Tests;

/// <summary>--environ files: NAME=VALUE lines read once at build time, values expanded at each launch.</summary>
public class EnvironFileSpecs
{
    public sealed record Case(string Name, string Text, params string[] Expected)
    {
        public string? ExpectedError { get; init; }

        public override string ToString() => Name;
    }

    public static TheoryData<Case> Rows() =>
    [
        new("An empty file sets nothing", ""),
        new("Comments and blank lines are skipped", "# comment\n\n   \n  # indented comment\n"),
        new("NAME=value sets the variable", "A=1", "set A=1"),
        new("export NAME=value sets it too", "export  A=1", "set A=1"),
        new("An empty value sets an empty variable", "A=", "set A="),
        new("Lines keep their order", "B=2\nA=1\nB=3", "set B=2", "set A=1", "set B=3"),
        new("unset NAME removes the variable", "unset PYTHONHOME", "unset PYTHONHOME"),
        new("Surrounding spaces and Windows line ends are ignored", "  A=1  \r\nunset B\r\n", "set A=1", "unset B"),
        new("References stay for the launcher to expand", "PATH=/opt/x/bin:$PATH\nLD=${LD}:/l", "set PATH=/opt/x/bin:$PATH", "set LD=${LD}:/l"),
        new("Double quotes allow spaces and keep references", "MSG=\"hello $USER and all\"", "set MSG=hello $USER and all"),
        // Single quotes make $ literal: the launcher's \$ escape.
        new("Single quotes make dollars literal", "PRICE='costs $5 or ${X}'", "set PRICE=costs \\$5 or \\${X}"),
        new("Quoted and plain parts join", "A=pre\"mid dle\"'$post'end", "set A=premid dle\\$postend"),
        new("An escaped dollar outside quotes stays escaped", "A=\\$HOME", "set A=\\$HOME"),
        new("An equals sign in the value is kept", "OPTS=--a=b", "set OPTS=--a=b"),
        new("Empty quotes are an empty value", "A=''\nB=\"\"", "set A=", "set B="),
        new("Command substitution is refused", "A=$(hostname)") { ExpectedError = "Environ file line env.sh:1: command substitution is not supported; write the value itself" },
        new("Backticks are refused", "\nA=`hostname`") { ExpectedError = "Environ file line env.sh:2: command substitution is not supported" },
        new("An unquoted space is refused with the fix", "A=two words") { ExpectedError = "Environ file line env.sh:1: unquoted value contains a space; put the value in quotes" },
        new("A trailing comment counts as an unquoted space", "A=1 # one") { ExpectedError = "unquoted value contains a space" },
        new("An unterminated double quote is refused", "A=\"open") { ExpectedError = "Environ file line env.sh:1: unterminated \" quote" },
        new("An unterminated single quote is refused", "# c\nA='open") { ExpectedError = "Environ file line env.sh:2: unterminated ' quote" },
        new("A line that is not an assignment is refused naming it", "source other.sh") { ExpectedError = "Environ file line env.sh:1: 'source other.sh' is not NAME=VALUE; only assignments, 'export' and 'unset' are supported" },
        new("export without a value is refused", "export A") { ExpectedError = "'export A' is not NAME=VALUE" },
        new("Spaces around = are refused", "A = 1") { ExpectedError = "'A = 1' is not NAME=VALUE" },
        new("A name starting with a digit is refused", "1A=x") { ExpectedError = "'1A=x' is not NAME=VALUE" },
        new("unset with two names is refused", "unset A B") { ExpectedError = "'unset A B' is not NAME=VALUE" },
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Parse_matches_the_row(Case row)
    {
        if (row.ExpectedError is { } error)
        {
            var failure = Assert.Throws<BuildException>(() => EnvironFile.Parse(row.Text, "env.sh"));
            Assert.Contains(error, failure.Message, StringComparison.Ordinal);
            return;
        }

        var changes = EnvironFile.Parse(row.Text, "env.sh");

        Assert.Equal(row.Expected, changes.Select(Describe));
    }

    [Fact]
    public void A_single_quoted_dollar_parenthesis_is_a_literal()
    {
        // Act
        var changes = EnvironFile.Parse("TEMPLATE='$(whoami) at `date`'", "env.sh");

        // Assert
        Assert.Equal(["set TEMPLATE=\\$(whoami) at `date`"], changes.Select(Describe));
    }

    internal static string Describe(EnvironmentChange change) => change.Action switch
    {
        EnvironmentAction.Unset => $"unset {change.Name}",
        var action => $"{action.ToString().ToLowerInvariant()} {change.Name}={change.Value}",
    };
}
