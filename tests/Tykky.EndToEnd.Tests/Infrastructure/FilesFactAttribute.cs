namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>A fact that needs some installed files (a Debian package's); skipped with the reason otherwise.</summary>
public sealed class FilesFactAttribute : FactAttribute
{
    /// <summary>Skips when one of <paramref name="paths"/> is missing.</summary>
    public FilesFactAttribute(params string[] paths)
    {
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToArray();
        if (missing.Length > 0)
        {
            Skip = $"{string.Join(", ", missing)} not installed (./test.sh installs them)";
        }
    }
}
