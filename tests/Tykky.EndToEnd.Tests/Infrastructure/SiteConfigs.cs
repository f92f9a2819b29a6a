using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>Site configurations for tests (CW_GLOBAL_YAML): the tool's default one with a key added to its defaults.</summary>
public static class SiteConfigs
{
    /// <summary>Writes <c>site.yaml</c> in <paramref name="directory"/>: the default site configuration with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public static string WithDefault(TempDir directory, string key, string value) =>
        directory.Write("site.yaml", File.ReadAllText(Path.Join(ToolTree.Root, "configs", "default.yaml"))
            .Replace("defaults:\n", $"defaults:\n    {key}: {value}\n", StringComparison.Ordinal));
}
