namespace Tykky.Builder.Packages;

/// <summary>
/// Reads the output of the activation probe: <c>env -0</c> before activation, a marker entry, and
/// <c>env -0</c> after. NUL separation keeps values with newlines intact. Pure.
/// </summary>
public static class EnvironmentDump
{
    /// <summary>The entry printed between the two dumps; '-' cannot start a variable name, so no variable looks like it.</summary>
    public const string Marker = "-tykky-activated-";

    /// <summary>The variables before and after activation.</summary>
    public static (IReadOnlyDictionary<string, string> Before, IReadOnlyDictionary<string, string> After) Parse(string output)
    {
        var entries = output.Split('\0');
        var marker = Array.IndexOf(entries, Marker);
        if (marker < 0)
        {
            throw new BuildException("Recording the conda activation failed: the probe's output has no second environment; see the build log");
        }
        return (Variables(entries[..marker]), Variables(entries[(marker + 1)..]));
    }

    private static Dictionary<string, string> Variables(IEnumerable<string> entries)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=');
            if (equals > 0)
            {
                variables[entry[..equals]] = entry[(equals + 1)..];
            }
        }
        return variables;
    }
}
