namespace Tykky.Builder.Inspection;

/// <summary>A root of a Spack installation's environment (share/spack.lock).</summary>
/// <param name="Spec">The spec as the environment file gives it.</param>
/// <param name="Hash">Its concrete hash (32 characters): the installed prefix ends with it.</param>
/// <param name="Concrete">The concrete name@version, or null when the lock file does not hold it.</param>
public sealed record SpackRoot(string Spec, string Hash, string? Concrete);
