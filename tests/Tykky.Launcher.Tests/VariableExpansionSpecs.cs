using Tykky.Launcher.Manifest;

namespace Tykky.Launcher.Tests;

/// <summary>$NAME and ${NAME} references: kept when unset at build time, removed when unset at launch.</summary>
public class VariableExpansionSpecs
{
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["HOME"] = "/home/u",
        ["A_1"] = "x",
        ["EMPTY"] = "",
    };

    [Theory]
    [InlineData("no references", "no references", "no references")]
    [InlineData("$HOME/env", "/home/u/env", "/home/u/env")]
    [InlineData("${HOME}/env", "/home/u/env", "/home/u/env")]
    [InlineData("${HOME}x", "/home/ux", "/home/ux")]
    // A name runs as far as letters, digits and underscores go.
    [InlineData("$HOMEx", "$HOMEx", "")]
    [InlineData("$A_1-$A_1", "x-x", "x-x")]
    [InlineData("$NOPE/x", "$NOPE/x", "/x")]
    [InlineData("${NOPE}/x", "${NOPE}/x", "/x")]
    [InlineData("[$EMPTY]", "[]", "[]")]
    [InlineData("\\$HOME", "$HOME", "$HOME")]
    [InlineData("cost: \\$5", "cost: $5", "cost: $5")]
    // Not references: a digit first, an empty or unclosed brace, a lone dollar.
    [InlineData("$1 and $", "$1 and $", "$1 and $")]
    [InlineData("${} ${1A} ${HOME", "${} ${1A} ${HOME", "${} ${1A} ${HOME")]
    [InlineData("a\\b", "a\\b", "a\\b")]
    [InlineData("$HOME$HOME", "/home/u/home/u", "/home/u/home/u")]
    public void Expand_follows_the_unset_rule(string template, string keep, string remove)
    {
        string? Lookup(string name) => Variables.GetValueOrDefault(name);

        Assert.Equal(keep, VariableExpansion.Expand(template, Lookup, VariableExpansion.UnsetVariables.Keep));
        Assert.Equal(remove, VariableExpansion.Expand(template, Lookup, VariableExpansion.UnsetVariables.Remove));
    }
}
