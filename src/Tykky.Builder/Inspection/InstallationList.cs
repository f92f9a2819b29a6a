namespace Tykky.Builder.Inspection;

/// <summary>What <c>tykky list</c> reports; also its <c>--json</c> form.</summary>
/// <param name="SearchPath">The directories searched (TYKKY_PATH, default ~/.tykky).</param>
/// <param name="MissingDirectories">Those of them that do not exist.</param>
/// <param name="Installations">The installations found, in search order.</param>
public sealed record InstallationList(IReadOnlyList<string> SearchPath, IReadOnlyList<string> MissingDirectories, IReadOnlyList<InstallationSummary> Installations);

/// <summary>One installation in <c>tykky list</c>.</summary>
/// <param name="Name">Its name (the directory's).</param>
/// <param name="Prefix">Its directory.</param>
/// <param name="Maker">Which tool made it.</param>
/// <param name="Runtime">bwrap, apptainer or singularity; null when its manifest cannot be read.</param>
/// <param name="Container">The container's kind (sif, squashfs, directory), or null without one.</param>
/// <param name="Problem">Why it could not be read, or null.</param>
public sealed record InstallationSummary(string Name, string Prefix, InstallationMaker Maker, string? Runtime, string? Container, string? Problem);
