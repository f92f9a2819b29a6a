namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>Reads NUL-terminated items (what probe argv and the recording double write).</summary>
public static class NulSeparated
{
    /// <summary>The items of <paramref name="bytes"/>, each ended by a NUL byte.</summary>
    public static List<byte[]> Split(byte[] bytes)
    {
        var items = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == 0)
            {
                items.Add(bytes[start..i]);
                start = i + 1;
            }
        }
        return items;
    }
}
