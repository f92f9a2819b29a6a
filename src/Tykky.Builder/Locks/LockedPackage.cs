namespace Tykky.Builder.Locks;

/// <summary>One package of a conda-lock file.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Version">Its version.</param>
/// <param name="Manager">conda or pip.</param>
/// <param name="Platform">The platform it is locked for.</param>
/// <param name="Url">Where it is downloaded from.</param>
/// <param name="Md5">Its MD5 (conda packages), or null.</param>
/// <param name="Sha256">Its SHA-256, or null.</param>
public sealed record LockedPackage(string Name, string Version, string Manager, string Platform, string Url, string? Md5, string? Sha256);
