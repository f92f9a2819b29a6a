using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Tests;

/// <summary>The ordered, immutable environment the plan is computed on.</summary>
public class EnvironmentVariablesSpecs
{
    [Fact]
    public void FromEntries_keeps_order_and_the_first_of_duplicate_names_and_drops_entries_without_a_name()
    {
        // Arrange
        string[] entries = ["B=2", "A=1", "B=3", "no-equals", "=value", "E=", "V=a=b"];

        // Act
        var environment = EnvironmentVariables.FromEntries(entries);

        // Assert
        Assert.Equal(["B=2", "A=1", "E=", "V=a=b"], environment.ToEntries());
        Assert.Equal("2", environment.Get("B"));
        Assert.Equal("", environment.Get("E"));
        Assert.Null(environment.Get("C"));
    }

    [Fact]
    public void With_and_Without_return_copies()
    {
        // Arrange
        var original = EnvironmentVariables.FromEntries(["A=1", "B=2"]);

        // Act
        var changed = original.With("A", "9").With("C", "3").Without("B");

        // Assert
        Assert.Equal(["A=9", "C=3"], changed.ToEntries());
        Assert.Equal(["A=1", "B=2"], original.ToEntries());
    }
}
