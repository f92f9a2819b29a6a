using System.Diagnostics.CodeAnalysis;
using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Host;
using Tykky.Launcher.Inner;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Keeper;

/// <summary>
/// The keeper: the launcher as the first process of a keeper sandbox (<see cref="SharedMountPlanner"/>).
/// It mounts the images, drops its capabilities, reports ready, reads the images ahead
/// (<see cref="ImageReadAhead"/>) while the first program starts, and stays while processes that joined
/// its namespaces run. When it ends, bubblewrap's init ends and the kernel kills squashfuse with the
/// pid namespace: the mount goes with the namespace once the last joined process has left.
/// </summary>
internal static class KeeperProcess
{
    /// <summary>Runs the keeper described by <paramref name="arguments"/>; never returns (it exits when no longer used).</summary>
    [DoesNotReturn]
    public static ExecPlan Run(IReadOnlyList<string> arguments, EnvironmentVariables environment)
    {
        var request = KeeperRequest.Decode(arguments);
        try
        {
            var images = InnerStep.MountImagesAndView(request.Squashfuse, request.Mounts,
                SquashfuseCommand.KeeperEnvironment(request.Squashfuse, request.SquashfuseNoOpen, environment), request.View, longLived: true);
            Capabilities.DropAll();
            Report(request.ReadyFd, $"ready {OwnHostPid()} {KeeperRecords.StartTimeOf(PosixText.Decode(PosixFiles.TryReadAll("/proc/self/stat") ?? []))}");
            Libc.close(request.ReadyFd);
            ImageReadAhead.Read(images);
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
        catch (LaunchException failure)
        {
            Report(request.ReadyFd, "error " + failure.ToLine());
            Environment.Exit((int)failure.ExitCode);
        }
        return WaitWhileUsed(request);
    }

    /// <summary>The host pid: the sandbox binds the host's /proc, where "self" names this process by it.</summary>
    private static string OwnHostPid() => PosixFiles.ReadLink("/proc/self") ?? throw new LaunchException("cannot read", "/proc/self", "the keeper needs the host's /proc", ExitCode.Unavailable);

    private static void Report(int fd, string line) => PosixFiles.WriteAll(fd, PosixText.Encode(line + "\n"));

    /// <summary>
    /// Polls until no joined process has been seen for the idle time, then takes the lock exclusively
    /// (no join in flight), looks once more and ends. Ends at once when the mount stops serving
    /// (squashfuse was killed): new launches then start a new keeper.
    /// </summary>
    [DoesNotReturn]
    private static ExecPlan WaitWhileUsed(KeeperRequest request)
    {
        var ownMounts = PosixFiles.ReadLink("/proc/self/ns/mnt");
        var ownPids = PosixFiles.ReadLink("/proc/self/ns/pid");
        var idle = TimeSpan.FromSeconds(request.IdleSeconds);
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(request.IdleSeconds * 250, 250, 5000));
        var lastSeen = Environment.TickCount64;
        while (true)
        {
            Thread.Sleep(interval);
            if (!PosixFiles.Exists(request.CheckPath))
            {
                Environment.Exit((int)ExitCode.Unavailable);
            }
            if (JoinedProcesses(ownMounts, ownPids) > 0)
            {
                lastSeen = Environment.TickCount64;
                continue;
            }
            if (Environment.TickCount64 - lastSeen < idle.TotalMilliseconds)
            {
                continue;
            }
            Libc.flock(request.LockFd, Libc.LOCK_EX);
            if (JoinedProcesses(ownMounts, ownPids) == 0)
            {
                Environment.Exit(0);
            }
            Libc.flock(request.LockFd, Libc.LOCK_UN);
            lastSeen = Environment.TickCount64;
        }
    }

    /// <summary>
    /// Processes in this mount namespace but not in this pid namespace: the joined ones (the keeper's
    /// own bubblewrap init and squashfuse share its pid namespace). Other users' processes cannot be
    /// inspected and are not ours anyway.
    /// </summary>
    private static int JoinedProcesses(string? ownMounts, string? ownPids) =>
        PosixFiles.ReadDirectory("/proc")
            .Where(e => e.Name.Length > 0 && char.IsAsciiDigit(e.Name[0]))
            .Count(e => PosixFiles.ReadLink($"/proc/{e.Name}/ns/mnt") == ownMounts && PosixFiles.ReadLink($"/proc/{e.Name}/ns/pid") != ownPids);
}
