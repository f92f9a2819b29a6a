namespace Tykky.Builder.Container;

/// <summary>
/// The PATH and LD_LIBRARY_PATH a container gives its programs, read without running it (the bubblewrap
/// runtime has no apptainer to ask): the image's <c>/etc/environment</c>, then its
/// <c>/.singularity.d/env/*.sh</c> scripts in name order, as apptainer sources them. Only plain
/// top-level assignments count (<c>[export] NAME=value</c>, with <c>$NAME</c>, <c>${NAME}</c> and
/// <c>${NAME:-default}</c>); assignments inside <c>if</c>, loops and functions, and values with command
/// substitutions, are skipped. As apptainer's action scripts do ("fixpath"), standard directories
/// missing from PATH are appended. Pure.
/// </summary>
public static class ContainerEnvironmentDefaults
{
    /// <summary>Apptainer's default PATH inside a container.</summary>
    public const string StandardPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static readonly string[] Openers = ["if", "case", "for", "while", "until", "{"];
    private static readonly string[] Closers = ["fi", "esac", "done", "}"];

    /// <summary>The defaults from the text of <c>/etc/environment</c> (or null) and the env scripts in order.</summary>
    public static (string Path, string? LdLibraryPath) From(string? etcEnvironment, IEnumerable<string> scripts)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = StandardPath };
        foreach (var (name, value) in PamEnvironment(etcEnvironment ?? ""))
        {
            variables[name] = value;
        }
        foreach (var script in scripts)
        {
            Evaluate(script, variables);
        }
        var path = variables["PATH"].Split(':', StringSplitOptions.RemoveEmptyEntries).ToList();
        path.AddRange(StandardPath.Split(':').Where(d => !path.Contains(d)));
        return (string.Join(':', path), variables.GetValueOrDefault("LD_LIBRARY_PATH") is { Length: > 0 } libraries ? libraries : null);
    }

    /// <summary>pam_env's /etc/environment: NAME=value lines, optionally quoted, never expanded.</summary>
    private static IEnumerable<(string Name, string Value)> PamEnvironment(string text) =>
        text.Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && l.IndexOf('=') > 0 && ShellWords.IsName(l[..l.IndexOf('=')]))
            .Select(l => (l[..l.IndexOf('=')], l[(l.IndexOf('=') + 1)..].Trim('"', '\'')));

    private static void Evaluate(string script, Dictionary<string, string> variables)
    {
        var depth = 0;
        foreach (var rawLine in script.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var depthBefore = depth;
            var words = line.Split([' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries);
            depth = Math.Max(0, depth + words.Count(Openers.Contains) - words.Count(Closers.Contains));
            if (depthBefore > 0 || depth > 0)
            {
                continue;
            }
            var assignment = line.StartsWith("export ", StringComparison.Ordinal) ? line["export ".Length..].TrimStart() : line;
            var equals = assignment.IndexOf('=');
            if (equals > 0 && ShellWords.IsName(assignment[..equals]) && ShellWords.Expand(assignment[(equals + 1)..], variables) is { } value)
            {
                variables[assignment[..equals]] = value;
            }
        }
    }
}
