namespace Tykky.Builder.Image;

/// <summary>The mksquashfs options an image is made with, and what the user is told about them.</summary>
/// <param name="Options">sqfs_options with the <c>-comp</c> that is used.</param>
/// <param name="Compressor">The compressor of the image.</param>
/// <param name="Warning">A line for the user when the choice was replaced or mounts only under a condition; null otherwise.</param>
public sealed record ImageCompressionChoice(IReadOnlyList<string> Options, SquashfsCompressor Compressor, string? Warning);
