namespace Tykky.Builder.Packages;

/// <summary>One probing activation: the variables before <c>conda activate</c> (the launch environment it models) and after.</summary>
/// <param name="Before">The environment the activation started from.</param>
/// <param name="After">The environment it produced.</param>
public sealed record ActivationRun(IReadOnlyDictionary<string, string> Before, IReadOnlyDictionary<string, string> After);
