namespace Tykky.Builder.Modules;

/// <summary>
/// Where module files live: <c>&lt;tree&gt;/&lt;name&gt;/&lt;version&gt;.lua</c> for Lmod and
/// <c>&lt;tree&gt;/&lt;name&gt;/&lt;version&gt;</c> for Environment Modules, side by side in one tree.
/// Lmod takes the .lua file when both exist; Environment Modules skips it (no <c>#%Module</c> cookie).
/// An installation's tree is <c>&lt;prefix&gt;/share/modulefiles</c>.
/// </summary>
public static class ModuleTree
{
    /// <summary>The installation's module tree, relative to its prefix (<c>module use &lt;prefix&gt;/share/modulefiles</c>).</summary>
    public const string InPrefix = "share/modulefiles";

    /// <summary>The file names of one module version: Lmod's, then Environment Modules'.</summary>
    public static IReadOnlyList<string> FileNames(string version) => [$"{version}.lua", version];

    /// <summary>
    /// Checks a module name or version (<paramref name="key"/> names its setting): one path component
    /// that module commands can take (no '/', spaces or leading '.'); returns it.
    /// </summary>
    public static string CheckedPart(string value, string key, string origin) =>
        value.Length == 0 || value.StartsWith('.') || value.Contains('/') || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? throw new BuildException($"The module {key.Replace("module_", "")} '{value}' ({origin}) cannot be a module file name (no '/', spaces or leading '.'); set {key} to a plain name")
            : value;
}
