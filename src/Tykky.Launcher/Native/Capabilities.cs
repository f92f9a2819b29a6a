using System.Runtime.InteropServices;
using Tykky.Launcher.Diagnostics;

namespace Tykky.Launcher.Native;

/// <summary>
/// The process's capabilities: whether one is effective, and dropping every one for good before the program runs.
/// <para>
/// Security: bubblewrap gives the inner step CAP_SYS_ADMIN (to mount FUSE in its user namespace) and
/// CAP_SETPCAP (to shrink the bounding set). Non-root callers get them as ambient capabilities, which
/// would pass to the program; for root, exec refills the permitted set from the bounding set. So the
/// bounding set is emptied first (needs CAP_SETPCAP), then the ambient set, then the process's own sets.
/// bubblewrap already set no_new_privs, so no file capability can bring any back.
/// </para>
/// </summary>
internal static unsafe class Capabilities
{
    private const uint LinuxCapabilityVersion3 = 0x20080522;
    private const int EINVAL = 22;

    /// <summary>Upper bound of capability numbers probed; the kernel answers EINVAL past its last one.</summary>
    private const int MaxCapability = 63;

    /// <summary>Drops all capabilities or throws.</summary>
    public static void DropAll()
    {
        for (var capability = 0; capability <= MaxCapability; capability++)
        {
            if (Libc.prctl(Libc.PR_CAPBSET_DROP, (nuint)capability, 0, 0, 0) != 0 && Marshal.GetLastPInvokeError() != EINVAL)
            {
                throw Failed("cannot drop capability from the bounding set");
            }
        }
        if (Libc.prctl(Libc.PR_CAP_AMBIENT, Libc.PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0)
        {
            throw Failed("cannot clear ambient capabilities");
        }
        var header = new Libc.CapHeader { Version = LinuxCapabilityVersion3, Pid = 0 };
        var data = stackalloc Libc.CapData[2];
        data[0] = default;
        data[1] = default;
        if (Libc.capset(&header, data) != 0)
        {
            throw Failed("cannot drop capabilities");
        }
    }

    /// <summary>True when <paramref name="capability"/> is in the process's effective set (capget(2); false if the kernel will not say).</summary>
    public static bool IsEffective(int capability)
    {
        var header = new Libc.CapHeader { Version = LinuxCapabilityVersion3, Pid = 0 };
        var data = stackalloc Libc.CapData[2];
        return Libc.capget(&header, data) == 0 && (data[capability / 32].Effective & (1u << (capability % 32))) != 0;
    }

    private static LaunchException Failed(string what) =>
        new(what, "/proc/self/status", Libc.ErrorText(Marshal.GetLastPInvokeError()), ExitCode.Unavailable);
}
