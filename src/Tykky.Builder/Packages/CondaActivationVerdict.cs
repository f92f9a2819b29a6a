using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Packages;

/// <summary>How an installation activates conda, and why.</summary>
/// <param name="Mode">The mode recorded in the manifest.</param>
/// <param name="Reason">Why, for <c>tykky info</c>.</param>
/// <param name="Warning">What the build warns about, or null.</param>
public sealed record CondaActivationVerdict(CondaActivationMode Mode, string Reason, string? Warning);
