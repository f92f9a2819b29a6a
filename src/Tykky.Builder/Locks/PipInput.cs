using System.Text.RegularExpressions;

namespace Tykky.Builder.Locks;

/// <summary>Tells what a pip input file is (PEP 751 names lock files <c>pylock.toml</c> or <c>pylock.NAME.toml</c>). Pure.</summary>
public static partial class PipInput
{
    /// <summary>The first pip release that installs from pylock.toml (<c>-r pylock.toml</c>, experimental).</summary>
    public static readonly Version PipForPylock = new(26, 1);

    /// <summary>The first uv release that installs from pylock.toml (<c>uv pip install -r pylock.toml</c>).</summary>
    public static readonly Version UvForPylock = new(0, 6, 15);

    /// <summary>The kind of the file named <paramref name="path"/> with content <paramref name="text"/>.</summary>
    public static PipInputKind KindOf(string path, string text) =>
        PylockName().IsMatch(Path.GetFileName(path)) ? PipInputKind.Pylock
        : HashOption().IsMatch(text) ? PipInputKind.HashedRequirements
        : PipInputKind.Requirements;

    /// <summary>The version in a <c>--version</c> line ("pip 23.0.1 from ...", "uv 0.7.2 (abc 2025-04-30)"), or null.</summary>
    public static Version? VersionIn(string versionLine) =>
        ToolVersion().Match(versionLine) is { Success: true } match && Version.TryParse(match.Groups[1].Value, out var version) ? version : null;

    [GeneratedRegex(@"^pylock\.([^.]+\.)?toml$")]
    private static partial Regex PylockName();

    [GeneratedRegex(@"(^|\s)--hash[=\s]", RegexOptions.Multiline)]
    private static partial Regex HashOption();

    [GeneratedRegex(@"^\S+ (\d+(\.\d+){1,3})")]
    private static partial Regex ToolVersion();
}
