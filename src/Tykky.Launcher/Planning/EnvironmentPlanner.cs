using System.Text;
using Tykky.Launcher.Manifest;

namespace Tykky.Launcher.Planning;

/// <summary>Pure environment decisions: cleaning what leaked from a container, applying the manifest's changes.</summary>
internal static class EnvironmentPlanner
{
    /// <summary>The caller's environment without runtime state leaked from an enclosing container.</summary>
    public static EnvironmentVariables WithoutStaleRuntimeState(EnvironmentVariables caller)
    {
        var cleaned = caller.Without(EnvironmentNames.StaleRuntimeVariables.Contains);
        var libraryPath = cleaned.Get(EnvironmentNames.LdLibraryPath);
        if (libraryPath is null)
        {
            return cleaned;
        }
        var kept = libraryPath.Split(':').Where(d => d != EnvironmentNames.ApptainerLibraryDirectory).ToArray();
        return kept.Length == 0 || kept.All(d => d.Length == 0)
            ? cleaned.Without(EnvironmentNames.LdLibraryPath)
            : cleaned.With(EnvironmentNames.LdLibraryPath, string.Join(':', kept));
    }

    /// <summary>Applies <paramref name="changes"/> in order; values may refer to variables set so far.</summary>
    public static EnvironmentVariables Apply(EnvironmentVariables environment, IEnumerable<EnvironmentChange> changes)
    {
        foreach (var change in changes)
        {
            var value = Expand(change.Value, environment);
            var current = environment.Get(change.Name);
            environment = change.Action switch
            {
                EnvironmentAction.Set => environment.With(change.Name, value),
                EnvironmentAction.Prepend => environment.With(change.Name, string.IsNullOrEmpty(current) ? value : $"{value}:{current}"),
                EnvironmentAction.Append => environment.With(change.Name, string.IsNullOrEmpty(current) ? value : $"{current}:{value}"),
                EnvironmentAction.Unset => environment.Without(change.Name),
            };
        }
        return environment;
    }

    /// <summary>Expands $NAME and ${NAME} from <paramref name="environment"/>; unset names expand to nothing, as in sh.</summary>
    public static string Expand(string template, EnvironmentVariables environment)
    {
        if (!template.Contains('$'))
        {
            return template;
        }
        var result = new StringBuilder(template.Length);
        for (var i = 0; i < template.Length; i++)
        {
            var (name, length) = template[i] == '$' ? ReferenceAt(template, i + 1) : (null, 0);
            if (name is null)
            {
                result.Append(template[i]);
                continue;
            }
            result.Append(environment.Get(name));
            i += length;
        }
        return result.ToString();
    }

    private static (string? Name, int Length) ReferenceAt(string text, int start)
    {
        if (start < text.Length && text[start] == '{')
        {
            var close = text.IndexOf('}', start);
            return close > start + 1 && IsName(text.AsSpan(start + 1, close - start - 1)) ? (text[(start + 1)..close], close - start + 1) : (null, 0);
        }
        var end = start;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_') && (end > start || !char.IsAsciiDigit(text[end])))
        {
            end++;
        }
        return end > start ? (text[start..end], end - start) : (null, 0);
    }

    private static bool IsName(ReadOnlySpan<char> text) =>
        !text.IsEmpty && !char.IsAsciiDigit(text[0]) && !text.ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
}
