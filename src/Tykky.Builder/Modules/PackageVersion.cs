namespace Tykky.Builder.Modules;

/// <summary>One installed package as a build recorded it.</summary>
/// <param name="Name">Its name (as the package manager spells it).</param>
/// <param name="Version">Its version.</param>
public sealed record PackageVersion(string Name, string Version)
{
    /// <summary>The name compared loosely, as pip and conda do (case, '_' and '.' versus '-').</summary>
    public static string Normalize(string name) => name.ToLowerInvariant().Replace('_', '-').Replace('.', '-');
}
