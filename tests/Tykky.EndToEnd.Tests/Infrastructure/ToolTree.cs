namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>The published tool tree under test: <c>dist/</c> made by ./build.sh (or TYKKY_DIST).</summary>
public static class ToolTree
{
    /// <summary>The repository root (the directory holding build.sh).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The tool tree.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A program of the tool, e.g. "wrap-install".</summary>
    public static string Bin(string name) => Path.Join(Root, "bin", name);

    /// <summary>The static launcher.</summary>
    public static string Launcher => Path.Join(Root, "libexec", "tykky-launcher");

    private static string FindRoot()
    {
        var root = Environment.GetEnvironmentVariable("TYKKY_DIST") ?? Path.Join(RepositoryRoot, "dist");
        if (!File.Exists(Path.Join(root, "bin", "tykky")))
        {
            throw new InvalidOperationException($"No built tool tree at {root}: run ./build.sh first (or set TYKKY_DIST)");
        }
        return root;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Join(directory, "build.sh")))
            {
                return directory;
            }
        }
        throw new InvalidOperationException($"build.sh not found above {AppContext.BaseDirectory}");
    }
}
