namespace Tykky.Builder.Image;

/// <summary>Whether a runtime mounts images of one compressor.</summary>
public enum CompressorReadability
{
    /// <summary>Mounts them wherever the runtime runs.</summary>
    Reads,

    /// <summary>Mounts them only where a condition holds (a kernel option); <see cref="CompressorSupport.Reason"/> says which.</summary>
    ReadsWhere,

    /// <summary>Cannot mount them; <see cref="CompressorSupport.Reason"/> says why.</summary>
    CannotRead,
}

/// <summary>A runtime's verdict on one compressor, with the condition or the reason.</summary>
/// <param name="Readability">Whether it mounts such images.</param>
/// <param name="Reason">The condition (<see cref="CompressorReadability.ReadsWhere"/>) or why not (<see cref="CompressorReadability.CannotRead"/>); empty for <see cref="CompressorReadability.Reads"/>.</param>
public sealed record CompressorSupport(CompressorReadability Readability, string Reason)
{
    /// <summary>Mounted everywhere.</summary>
    public static readonly CompressorSupport Everywhere = new(CompressorReadability.Reads, "");

    /// <summary>Mounted only where <paramref name="condition"/> holds.</summary>
    public static CompressorSupport Where(string condition) => new(CompressorReadability.ReadsWhere, condition);

    /// <summary>Never mounted, because of <paramref name="reason"/>.</summary>
    public static CompressorSupport Never(string reason) => new(CompressorReadability.CannotRead, reason);
}
