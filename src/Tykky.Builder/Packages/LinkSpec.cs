namespace Tykky.Builder.Packages;

/// <summary>A symbolic link to create: its path relative to a root, and its target.</summary>
/// <param name="Path">Where the link goes, relative to the root ("lib/python3.11/os.py").</param>
/// <param name="Target">What it points to.</param>
public sealed record LinkSpec(string Path, string Target);
