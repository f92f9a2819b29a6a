namespace Tykky.Builder.Modules;

/// <summary>
/// The module family of non-composable installations: Lmod and Environment Modules (5.1+) both let one
/// member of a family be loaded at a time and both name the loaded member in <c>LMOD_FAMILY_TYKKY</c>.
/// Lmod would silently swap the loaded member out, Environment Modules names only the family in its
/// error; the modules check the variable themselves first, so both refuse with one message naming both
/// installations.
/// </summary>
public static class ModuleFamily
{
    /// <summary>The family's name.</summary>
    public const string Name = "tykky";

    /// <summary>The variable naming the loaded member (both tools set it).</summary>
    public const string LoadedVariable = "LMOD_FAMILY_TYKKY";

    /// <summary>The refusal: literal text and the module language's expressions for the module being loaded and the loaded one.</summary>
    public static IReadOnlyList<ModuleTextPart> Refusal(string loading, string loaded) =>
    [
        new("Tykky installation ", false), new(loading, true), new(" cannot be loaded together with ", false), new(loaded, true),
        new(": neither is composable (their images use one installation path); run 'module unload ", false), new(loaded, true),
        new("' first, or build both with composable: yes", false),
    ];
}
