using System.Runtime.InteropServices;

namespace Tykky.Launcher.Native;

/// <summary>
/// A NULL-terminated <c>char*[]</c> in unmanaged memory, as execve and posix_spawn take for argv and
/// envp. The terminating NULL is what Mono.Posix forgot (execve then fails with EFAULT).
/// </summary>
internal sealed unsafe class NativeStringArray : IDisposable
{
    private readonly byte** _items;
    private readonly int _count;

    /// <summary>Copies <paramref name="items"/>, encoded byte-exact, into unmanaged memory.</summary>
    public NativeStringArray(IReadOnlyList<string> items)
    {
        _count = items.Count;
        _items = (byte**)NativeMemory.AllocZeroed((nuint)(_count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < _count; i++)
        {
            var bytes = PosixText.EncodeNullTerminated(items[i]);
            var copy = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
            bytes.CopyTo(new Span<byte>(copy, bytes.Length));
            _items[i] = copy;
        }
    }

    /// <summary>The array, valid until disposed.</summary>
    public byte** Pointer => _items;

    /// <summary>Frees the strings and the array.</summary>
    public void Dispose()
    {
        for (var i = 0; i < _count; i++)
        {
            NativeMemory.Free(_items[i]);
        }
        NativeMemory.Free(_items);
    }
}
