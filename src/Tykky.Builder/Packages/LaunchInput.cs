namespace Tykky.Builder.Packages;

/// <summary>A variable that differs from launch to launch, with its value in each of the two probing activations (null: unset).</summary>
/// <param name="Name">The variable.</param>
/// <param name="First">Its value in the first activation, from which the changes are derived (never null: they are templated on it).</param>
/// <param name="Second">Its value in the second activation, on which they are checked.</param>
public sealed record LaunchInput(string Name, string First, string? Second);
