using System.Reflection;

namespace Tykky.Builder;

/// <summary>The Tykky version (Directory.Build.props TykkyVersion).</summary>
public static class ToolVersion
{
    /// <summary>The version string, e.g. "0.1.0".</summary>
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
