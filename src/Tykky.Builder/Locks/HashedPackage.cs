namespace Tykky.Builder.Locks;

/// <summary>A pip package version and the SHA-256 of the file it was installed from.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Version">Its version.</param>
/// <param name="Sha256">The file's SHA-256, hex.</param>
public sealed record HashedPackage(string Name, string Version, string Sha256);
