using System.Globalization;

namespace Tykky.Launcher.Manifest;

/// <summary>
/// Where the keepers of one user on one node are found, and what their records say. A keeper holds
/// an installation's image mounted in its own user and mount namespaces (bubblewrap shared mount);
/// launches join it. Shared by the launcher (which starts and joins keepers) and the builder (which
/// lists them in <c>tykky info</c> and <c>tykky doctor</c>).
/// <code>
/// &lt;directory&gt;/&lt;installation id&gt;-&lt;key&gt;.keeper   "PID STARTTIME INSTALLATION-PREFIX\n", written once the mount is ready
/// &lt;directory&gt;/&lt;installation id&gt;-&lt;key&gt;.lock     flock: exclusive to start the keeper or to end it, shared while joining
/// </code>
/// </summary>
public static class KeeperRecords
{
    /// <summary>Extension of a keeper record.</summary>
    public const string RecordExtension = ".keeper";

    /// <summary>Extension of a keeper's lock file.</summary>
    public const string LockExtension = ".lock";

    /// <summary>
    /// The user's keeper directory: <c>$XDG_RUNTIME_DIR/tykky</c> (per user, per node, removed at
    /// logout) when set, else <c>/tmp/tykky-UID</c>. It must be the user's own, mode 0700: a record
    /// names the process whose namespaces a launch joins.
    /// </summary>
    public static string Directory(string? runtimeDirectory, uint uid) =>
        runtimeDirectory is { Length: > 1 } dir && dir.StartsWith('/') ? dir.TrimEnd('/') + "/tykky" : $"/tmp/tykky-{uid.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The record line a keeper's starter writes.</summary>
    public static string Format(KeeperRecord record) =>
        $"{record.Pid.ToString(CultureInfo.InvariantCulture)} {record.StartTime} {record.Prefix}\n";

    /// <summary>Parses a record line; null when it is not one.</summary>
    public static KeeperRecord? Parse(string text)
    {
        var parts = text.TrimEnd('\n').Split(' ', 3);
        return parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 1 && parts[1].Length > 0
            ? new KeeperRecord(pid, parts[1], parts[2])
            : null;
    }

    /// <summary>
    /// Field 22 of <c>/proc/PID/stat</c>, the process's start time in clock ticks since boot: with
    /// the pid it names one process for the life of the system (pids are reused, start times not).
    /// </summary>
    public static string? StartTimeOf(string procStat)
    {
        var afterName = procStat.LastIndexOf(')');
        if (afterName < 0)
        {
            return null;
        }
        var fields = procStat[(afterName + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state), so field 22 is fields[19]
        return fields.Length > 19 ? fields[19] : null;
    }

    /// <summary>The file whose text <see cref="IsAlive"/> takes: the /proc/PID/stat of the record's process.</summary>
    public static string StatPathOf(KeeperRecord record) => $"/proc/{record.Pid.ToString(CultureInfo.InvariantCulture)}/stat";

    /// <summary>
    /// True when the process the record names still runs (same pid, same start time), from the text of
    /// its <see cref="StatPathOf"/> file, null when that cannot be read (each program reads it its own
    /// way: the launcher, at every launch that joins, without a FileStream).
    /// </summary>
    public static bool IsAlive(KeeperRecord record, string? procStat) => procStat is not null && StartTimeOf(procStat) == record.StartTime;
}

/// <summary>A keeper: the process inside its namespaces that holds the mount.</summary>
/// <param name="Pid">Its pid on the host.</param>
/// <param name="StartTime">Its start time (field 22 of /proc/PID/stat).</param>
/// <param name="Prefix">The installation it serves.</param>
public sealed record KeeperRecord(int Pid, string StartTime, string Prefix);
