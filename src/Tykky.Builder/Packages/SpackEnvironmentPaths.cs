namespace Tykky.Builder.Packages;

/// <summary>The literal paths and mirrors the build writes into the Spack environment file.</summary>
/// <param name="InstallTree">config:install_tree:root, inside the image.</param>
/// <param name="View">The environment's view, inside the image.</param>
/// <param name="BuildStage">config:build_stage, in the build directory.</param>
/// <param name="MiscCache">config:misc_cache (the package repository's indexes).</param>
/// <param name="SourceCache">config:source_cache (downloaded sources).</param>
/// <param name="Mirrors">Mirror URLs added to the environment's own.</param>
public sealed record SpackEnvironmentPaths(string InstallTree, string View, string BuildStage, string MiscCache, string SourceCache, IReadOnlyList<string> Mirrors);
