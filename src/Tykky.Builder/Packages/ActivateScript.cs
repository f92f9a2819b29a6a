using System.Text.RegularExpressions;

namespace Tykky.Builder.Packages;

/// <summary>
/// An activate.d script as the capture reads it (conda sources <c>etc/conda/activate.d/*.sh</c> of the
/// environment it activates, in name order): which variables it names and which it unsets. A reading
/// of the text, not of the shell: it decides what to probe, and the probing decides what is faithful.
/// </summary>
/// <param name="PathInside">The script's path inside the container, for messages.</param>
/// <param name="Text">Its contents.</param>
public sealed partial record ActivateScript(string PathInside, string Text)
{
    /// <summary>The literal names the script's <c>unset</c> commands remove.</summary>
    public IReadOnlyList<string> UnsetNames => UnsetArguments().Where(IsName).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>True when an <c>unset</c> removes names the script computes (<c>unset $NAMES</c>, <c>unset "${!P@}"</c>): they cannot be known at build time.</summary>
    public bool UnsetsComputedNames => UnsetArguments().Any(argument => !IsName(argument) && !argument.StartsWith('-'));

    /// <summary>True when the script names <paramref name="variable"/>.</summary>
    public bool Mentions(string variable) => Regex.IsMatch(Text, $@"(?<![A-Za-z0-9_]){Regex.Escape(variable)}(?![A-Za-z0-9_])");

    private IEnumerable<string> UnsetArguments() =>
        Text.Split('\n').Select(line => line.TrimStart()).Where(line => !line.StartsWith('#'))
            .SelectMany(line => UnsetCommand().Matches(line))
            .SelectMany(match => match.Groups["arguments"].Value.Split(' ', '\t').Select(argument => argument.Trim('"', '\'')).Where(argument => argument.Length > 0));

    private static bool IsName(string word) => NamePattern().IsMatch(word);

    /// <summary>"unset A B" at a command's start: a line's, or after ; &amp;&amp; || { ( then do else.</summary>
    [GeneratedRegex(@"(?:^|[;&|{(]|\bthen|\bdo|\belse)\s*unset\s+(?<arguments>[^;&|)}#\n]*)")]
    private static partial Regex UnsetCommand();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();
}
