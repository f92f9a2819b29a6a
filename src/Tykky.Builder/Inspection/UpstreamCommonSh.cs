using System.Text.RegularExpressions;

namespace Tykky.Builder.Inspection;

/// <summary>
/// Reads what an upstream (bash) Tykky installation says about itself: the plain assignments of its
/// common.sh (CONTAINER_IMAGE, INSTALLATION_PATH, SQFS_IMAGE, written by hpc-container-wrapper
/// generate_wrappers.sh at 0121e4a) and the program each bash wrapper runs. Pure.
/// </summary>
public static partial class UpstreamCommonSh
{
    /// <summary>The <c>NAME=value</c> lines of common.sh that hold no expansion, unquoted.</summary>
    public static IReadOnlyDictionary<string, string> Variables(string commonSh) =>
        commonSh.Split('\n')
            .Select(line => Assignment().Match(line.Trim()))
            .Where(match => match.Success && !match.Groups["value"].Value.Contains('$'))
            .GroupBy(match => match.Groups["name"].Value)
            .ToDictionary(group => group.Key, group => group.Last().Groups["value"].Value.Trim('"', '\''), StringComparer.Ordinal);

    /// <summary>
    /// The program an upstream wrapper runs: the absolute path just before <c>"$@"</c> on its exec line
    /// (<c>singularity --silent exec ... $DIR/../$CONTAINER_IMAGE  /CSC/bin/python "$@"</c>), or null.
    /// </summary>
    public static string? WrapperTarget(string wrapperScript) =>
        WrapperExec().Match(wrapperScript) is { Success: true } match ? match.Groups["target"].Value : null;

    [GeneratedRegex(@"^(?:export\s+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>.*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\s(?<target>/[^\s""$]+)\s+""\$@""", RegexOptions.Multiline)]
    private static partial Regex WrapperExec();
}
