namespace Tykky.Builder.Container;

/// <summary>A file is not a usable SIF image; the message says what is wrong with it (without the file name, which the caller adds).</summary>
public sealed class SifFormatException(string message) : Exception(message);
