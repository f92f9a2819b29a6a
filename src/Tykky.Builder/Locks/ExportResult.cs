namespace Tykky.Builder.Locks;

/// <summary>What <see cref="InstallationExport.Write"/> did.</summary>
/// <param name="Frontend">The frontend that builds the export again.</param>
/// <param name="Warnings">What the export could not lock.</param>
public sealed record ExportResult(string Frontend, IReadOnlyList<string> Warnings);
