namespace Tykky.Builder.Deploy;

/// <summary>What a build left behind and whether the next build may remove it.</summary>
/// <param name="Path">The directory.</param>
/// <param name="Owner">The build that made it, when recorded.</param>
/// <param name="Why">Why it is a leftover, for <c>tykky doctor</c>.</param>
/// <param name="Removable">True when its build is known to be gone (so the next build removes it).</param>
public sealed record Leftover(string Path, BuildOwner? Owner, string Why, bool Removable)
{
    /// <summary>The command that removes it.</summary>
    public string RemoveCommand => $"rm -rf '{Path.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
