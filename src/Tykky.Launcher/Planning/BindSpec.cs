namespace Tykky.Launcher.Planning;

/// <summary>
/// One entry of an apptainer-style bind list (<c>src[:dst[:opt,opt]]</c>), as used by
/// <c>CW_EXTRA_BIND_MOUNTS</c>.
/// </summary>
/// <param name="Source">Host path.</param>
/// <param name="Destination">Path inside; the source path when not given.</param>
/// <param name="Options">Bind options in order, e.g. "ro", "image-src=/".</param>
internal sealed record BindSpec(string Source, string Destination, IReadOnlyList<string> Options)
{
    /// <summary>True for a filesystem image to mount (apptainer's <c>image-src=</c>), not a directory to bind.</summary>
    public bool IsImage => Options.Any(o => o.StartsWith("image-src=", StringComparison.Ordinal));

    /// <summary>True when bound read-only.</summary>
    public bool IsReadOnly => Options.Contains("ro");

    /// <summary>The list syntax again: <c>src:dst[:opts]</c>.</summary>
    public override string ToString() =>
        Options.Count == 0 ? $"{Source}:{Destination}" : $"{Source}:{Destination}:{string.Join(',', Options)}";
}

/// <summary>Parses apptainer-style bind lists.</summary>
internal static class BindSpecParser
{
    /// <summary>
    /// Option names apptainer accepts after <c>src:dst:</c> (apptainer bind.go <c>bindOptions</c>). A comma
    /// followed by one of these continues the previous entry's options instead of starting a new entry.
    /// </summary>
    private static readonly string[] OptionPrefixes = ["ro", "rw", "image-src=", "id="];

    /// <summary>Parses a comma-separated list; empty entries are skipped.</summary>
    public static IReadOnlyList<BindSpec> Parse(string? list)
    {
        var specs = new List<BindSpec>();
        foreach (var token in (list ?? "").Split(','))
        {
            var trimmed = token.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }
            if (specs.Count > 0 && specs[^1].Options.Count > 0 && IsOption(trimmed))
            {
                specs[^1] = specs[^1] with { Options = [.. specs[^1].Options, trimmed] };
                continue;
            }
            specs.Add(ParseOne(trimmed));
        }
        return specs;
    }

    private static BindSpec ParseOne(string entry)
    {
        var parts = entry.Split(':', 3);
        var source = parts[0];
        var destination = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : source;
        var options = parts.Length > 2 ? parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        return new BindSpec(source, destination, options);
    }

    private static bool IsOption(string token) =>
        OptionPrefixes.Any(p => p.EndsWith('=') ? token.StartsWith(p, StringComparison.Ordinal) : token == p);
}
