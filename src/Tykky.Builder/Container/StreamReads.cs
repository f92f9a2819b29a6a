namespace Tykky.Builder.Container;

/// <summary>Reads of image headers: a few bytes at an offset, fewer at the end of the file.</summary>
public static class StreamReads
{
    /// <summary>Up to <paramref name="length"/> bytes of <paramref name="stream"/> from <paramref name="offset"/>.</summary>
    public static byte[] ReadUpTo(Stream stream, long offset, int length)
    {
        var buffer = new byte[length];
        stream.Seek(offset, SeekOrigin.Begin);
        return buffer[..stream.ReadAtLeast(buffer, length, throwOnEndOfStream: false)];
    }
}
