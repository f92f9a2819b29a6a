using System.Runtime.InteropServices;
using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Keeper;

/// <summary>
/// Finds the keeper of a launch, or starts it, and hands back the exec that joins it. Every failure
/// returns null: the launch then builds its own sandbox as without a shared mount, and reports
/// whatever is really wrong (bubblewrap's and squashfuse's own errors) from there.
/// <para>
/// Locking (the keeper's .lock file, see <see cref="KeeperRecords"/>): a launch holds it shared from
/// reading the record until tykky-join has entered the namespaces, and exclusive while it starts a
/// keeper; a keeper takes it exclusive before it ends, so it never ends under a join in flight, and two
/// first launches that race start one keeper.
/// </para>
/// </summary>
internal static unsafe class KeeperRegistry
{
    /// <summary>How long a launch waits for a new keeper to have its mount ready.</summary>
    private const int StartTimeoutMilliseconds = 20_000;

    /// <summary>The environment of a keeper: it needs none of the caller's.</summary>
    private static readonly string[] KeeperEnvironment = ["PATH=/usr/bin:/bin"];

    /// <summary>
    /// The exec that joins the keeper of <paramref name="plan"/>, starting it when none runs; null when
    /// that cannot be done. The joiner is not looked at first (a metadata round trip on the prefix's
    /// filesystem): a keeper that runs was started by that very file, and one that cannot be started
    /// (the joiner missing or not executable) leaves the launch to its own sandbox.
    /// </summary>
    public static ExecPlan? TryJoin(SharedMountPlan plan)
    {
        if (!KeeperDirectory.Ensure(PathText.DirectoryOf(plan.RecordPath)))
        {
            return null;
        }
        // a launch that found the manifest's copy finds the joiner's; one that did not writes both
        var joinerCopy = plan.Copies is { } copies && (copies.ManifestToWrite is null || copies.Write(plan.JoinerLookup)) ? copies.Joiner : null;
        var lockFd = OpenInherited(plan.LockPath);
        if (lockFd < 0)
        {
            return null;
        }
        if (Libc.flock(lockFd, Libc.LOCK_SH) == 0 && IsRunning(plan.RecordPath))
        {
            return plan.Join(lockFd);
        }
        if (Libc.flock(lockFd, Libc.LOCK_EX) == 0 && (IsRunning(plan.RecordPath) || Start(plan, joinerCopy)) && Libc.flock(lockFd, Libc.LOCK_SH) == 0)
        {
            return plan.Join(lockFd);
        }
        Libc.close(lockFd);
        return null;
    }

    /// <summary>
    /// Removes the records of keepers that have ended, the local copies of generations no keeper serves
    /// now, and what killed writers left beside the names of either.
    /// </summary>
    private static void RemoveEnded(string directory)
    {
        var entries = PosixFiles.ReadDirectory(directory);
        var live = new List<KeeperRecord>();
        foreach (var (name, _) in entries)
        {
            var path = PathText.Join(directory, name);
            if (KeeperDirectory.IsLeftByEndedWriter(name))
            {
                File.Delete(path);
                continue;
            }
            if (!name.EndsWith(KeeperRecords.RecordExtension, StringComparison.Ordinal))
            {
                continue;
            }
            if (LiveRecord(path) is { } record)
            {
                live.Add(record);
            }
            else
            {
                File.Delete(path); // never the lock: a launch may hold it to start that keeper again
            }
        }
        LocalCopies.RemoveUnserved(directory, entries.Select(entry => entry.Name), live);
    }

    private static bool IsRunning(string recordPath) => LiveRecord(recordPath) is not null;

    private static KeeperRecord? LiveRecord(string recordPath) =>
        PosixFiles.TryReadAll(recordPath) is { } bytes && KeeperRecords.Parse(PosixText.Decode(bytes)) is { } record
        && KeeperRecords.IsAlive(record, PosixFiles.TryReadAll(KeeperRecords.StatPathOf(record)) is { } stat ? PosixText.Decode(stat) : null)
            ? record
            : null;

    /// <summary>Opens the lock file without close-on-exec: tykky-join inherits it and closes it once inside.</summary>
    private static int OpenInherited(string path) => Open(path, Libc.O_RDWR | Libc.O_CREAT);

    private static int Open(string path, int flags)
    {
        fixed (byte* p = PosixText.EncodeNullTerminated(path))
        {
            return Libc.open(p, flags, 0x180); // 0600
        }
    }

    /// <summary>
    /// Starts the keeper detached (tykky-join --detach forks it off and setsid()s it, so it is not a
    /// child of the program this launch becomes), waits until it reports its mount ready, and writes
    /// its record. The keeper gets the ready pipe on fd 3, the lock on fd 4 and /dev/null on 0-2. The
    /// lock is an open file of its own: a flock belongs to the open file, and the keeper's sandbox
    /// processes hold theirs for the keeper's whole life. The joiner runs from its local copy when
    /// there is one (<paramref name="joinerCopy"/>).
    /// </summary>
    private static bool Start(SharedMountPlan plan, string? joinerCopy)
    {
        var pipe = stackalloc int[2];
        if (Libc.pipe2(pipe, Libc.O_CLOEXEC) != 0)
        {
            return false;
        }
        // out of the way of 3 and 4, which dup2 fills in the child (a source there would be overwritten first)
        var readyWrite = Libc.fcntl(pipe[1], Libc.F_DUPFD_CLOEXEC, 10);
        var keeperLock = Open(plan.LockPath, Libc.O_RDWR | Libc.O_CLOEXEC);
        var lockCopy = keeperLock < 0 ? -1 : Libc.fcntl(keeperLock, Libc.F_DUPFD_CLOEXEC, 10);
        Libc.close(pipe[1]);
        Libc.close(keeperLock);
        try
        {
            if (readyWrite < 0 || lockCopy < 0 || !Spawn(joinerCopy is null ? plan.KeeperStart : plan.KeeperStart with { Target = new ProgramPath(joinerCopy) }, readyWrite, lockCopy))
            {
                return false;
            }
            Libc.close(readyWrite);
            readyWrite = -1;
            return ReadReady(pipe[0], plan) is { } record && WriteRecord(plan.RecordPath, record);
        }
        finally
        {
            Libc.close(pipe[0]);
            if (readyWrite >= 0)
            {
                Libc.close(readyWrite);
            }
            if (lockCopy >= 0)
            {
                Libc.close(lockCopy);
            }
        }
    }

    private static bool Spawn(ProgramLaunch launch, int readyFd, int lockFd)
    {
        var actions = stackalloc byte[Libc.SpawnFileActionsSize];
        if (Libc.posix_spawn_file_actions_init(actions) != 0)
        {
            return false;
        }
        var devNull = PosixText.EncodeNullTerminated("/dev/null");
        var path = PosixText.EncodeNullTerminated(((ProgramPath)launch.Target).Path);
        using var argv = new NativeStringArray([launch.Argv0!, .. launch.Arguments]);
        using var environment = new NativeStringArray(KeeperEnvironment);
        try
        {
            fixed (byte* n = devNull)
            fixed (byte* p = path)
            {
                if (Libc.posix_spawn_file_actions_adddup2(actions, readyFd, SharedMountPlanner.KeeperReadyFd) != 0
                    || Libc.posix_spawn_file_actions_adddup2(actions, lockFd, SharedMountPlanner.KeeperLockFd) != 0
                    || Libc.posix_spawn_file_actions_addopen(actions, 0, n, Libc.O_RDONLY, 0) != 0
                    || Libc.posix_spawn_file_actions_addopen(actions, 1, n, Libc.O_WRONLY, 0) != 0
                    || Libc.posix_spawn_file_actions_addopen(actions, 2, n, Libc.O_WRONLY, 0) != 0)
                {
                    return false;
                }
                int pid;
                if (Libc.posix_spawn(&pid, p, (nint)actions, 0, argv.Pointer, environment.Pointer) != 0)
                {
                    return false;
                }
                int status;
                while (Libc.waitpid(pid, &status, 0) < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR)
                {
                }
                return status == 0; // --detach exits at once, 0 once the keeper is forked off
            }
        }
        finally
        {
            Libc.posix_spawn_file_actions_destroy(actions);
        }
    }

    /// <summary>
    /// Reads the keeper's one-line report: "ready PID STARTTIME" once its mount serves; anything else,
    /// EOF or silence is a failed start. (No EOF follows a success: bubblewrap keeps the pipe open.)
    /// </summary>
    private static KeeperRecord? ReadReady(int fd, SharedMountPlan plan)
    {
        var buffer = new byte[512];
        var length = 0;
        var deadline = Environment.TickCount64 + StartTimeoutMilliseconds;
        fixed (byte* b = buffer)
        {
            while (length < buffer.Length)
            {
                var poll = new Libc.PollFd { Fd = fd, Events = Libc.POLLIN };
                var left = (int)Math.Max(0, deadline - Environment.TickCount64);
                if (left == 0 || Libc.poll(&poll, 1, left) <= 0)
                {
                    return null;
                }
                var n = Libc.read(fd, b + length, buffer.Length - length);
                if (n <= 0 || Array.IndexOf(buffer, (byte)'\n', length, (int)n) >= 0)
                {
                    length += (int)Math.Max(0, n);
                    break;
                }
                length += (int)n;
            }
        }
        var parts = PosixText.Decode(buffer.AsSpan(0, length)).TrimEnd('\n').Split(' ');
        return parts is ["ready", var pid, var start] ? KeeperRecords.Parse($"{pid} {start} {PathText.DirectoryOf(plan.Joiner)}") : null;
    }

    /// <summary>
    /// Writes the record beside its final name and renames it there: readers see all of it or nothing.
    /// Records of keepers that have ended go at the same time (a keeper cannot remove its own: its
    /// sandbox may show another /tmp), so the directory holds about one record per live keeper (and an
    /// empty lock file per keeper that ever ran: removing one could let a second keeper start beside the first).
    /// </summary>
    private static bool WriteRecord(string path, KeeperRecord record)
    {
        if (!PosixFiles.WriteBeside(path, 0x1b6, fd => PosixFiles.WriteAll(fd, PosixText.Encode(KeeperRecords.Format(record)))))
        {
            return false;
        }
        RemoveEnded(PathText.DirectoryOf(path));
        return true;
    }
}
