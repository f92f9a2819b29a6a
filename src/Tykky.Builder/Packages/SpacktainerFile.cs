namespace Tykky.Builder.Packages;

/// <summary>One <c>spacktainer: files:</c> entry (<c>src:dst</c>, as BlueBrain's Spacktainers write them): a file or directory copied into the image.</summary>
/// <param name="Source">The file or directory on the host (absolute; a relative src is relative to the environment file's directory).</param>
/// <param name="Destination">Its path inside, under the installation path.</param>
public sealed record SpacktainerFile(string Source, string Destination);
