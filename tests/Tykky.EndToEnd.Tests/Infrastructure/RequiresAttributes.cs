namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>A fact that needs root (to create the test user, start Slurm); skipped with the reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    /// <summary>Skips when not root or when a needed program is missing.</summary>
    public RootFactAttribute(params string[] programs)
    {
        if (!Host.IsRoot)
        {
            Skip = "needs root: it creates a test user or starts daemons (CI runs as root)";
            return;
        }
        var missing = programs.Where(p => !File.Exists(p)).ToArray();
        if (missing.Length > 0)
        {
            Skip = $"{string.Join(", ", missing)} not installed (./test.sh installs them)";
        }
    }
}
