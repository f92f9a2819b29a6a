namespace Tykky.Builder.Processes;

/// <summary>A program to run during a build: an argv (never a shell string), where, with which extra environment.</summary>
/// <param name="Description">What it does, for messages ("creating the squashfs image").</param>
/// <param name="Argv">Program and arguments.</param>
public sealed record ToolCommand(string Description, IReadOnlyList<string> Argv)
{
    /// <summary>Working directory; the builder's own when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set (or, with a null value, removed) on top of the builder's environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Show the output live (a package manager at work) instead of only logging it.</summary>
    public bool Live { get; init; }

    /// <summary>The command line as a user would type it, for messages.</summary>
    public string Display => string.Join(' ', Argv.Select(Quote));

    /// <summary>How captured standard output is decoded; UTF-8 when null.</summary>
    public System.Text.Encoding? OutputEncoding { get; init; }

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? word : $"'{word.Replace("'", "'\\''")}'";
}
