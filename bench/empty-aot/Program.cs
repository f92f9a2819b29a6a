using System.Runtime.InteropServices;

namespace EmptyAot;

/// <summary>
/// A NativeAOT program that does nothing but exec its first argument, built with the launcher's
/// settings: what any launcher costs before its own work (the runtime's start), for bench/pfs.sh.
/// </summary>
internal static unsafe partial class Program
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int execv(byte* path, byte** argv);

    private static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            return 64;
        }
        var path = (byte*)Marshal.StringToCoTaskMemUTF8(args[0]);
        var argv = stackalloc byte*[2];
        argv[0] = path;
        argv[1] = null;
        execv(path, argv);
        return 127;
    }
}
