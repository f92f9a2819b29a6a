using System.Globalization;

namespace Tykky.Builder.Deploy;

/// <summary>
/// The process that made a build directory, a staging generation or a lock: its pid, host and the
/// start time of the pid (clock ticks after boot, /proc/PID/stat field 22), so that a reused pid is
/// not taken for the build that died. A build directory carries it in its name (made atomically with
/// the directory, gone with it); a staging generation and the lock file in a <see cref="FileName"/> record.
/// </summary>
/// <param name="Pid">Process id.</param>
/// <param name="Host">Host name.</param>
/// <param name="StartTime">Start time of <paramref name="Pid"/>; 0 when unknown.</param>
public sealed record BuildOwner(int Pid, string Host, ulong StartTime)
{
    /// <summary>The file that records the owner inside a staging generation.</summary>
    public const string FileName = ".tykky-owner";

    /// <summary>This process.</summary>
    public static BuildOwner Current { get; } = new(Environment.ProcessId, Environment.MachineName, StartTimeOf(Environment.ProcessId) ?? 0);

    /// <summary>The record's text: <c>pid=… host=… start=…</c> lines.</summary>
    public string ToText() => $"pid={Pid}\nhost={Host}\nstart={StartTime}\n";

    /// <summary>The part of a directory name that carries the owner: <c>HOST-PID-START-</c>.</summary>
    public string ToNamePart() => $"{Host}-{Pid}-{StartTime}-";

    /// <summary>
    /// The owner in a name made of <paramref name="prefix"/>, <see cref="ToNamePart"/> and a random
    /// suffix without '-' (mkdtemp's letters and digits); null for another name.
    /// </summary>
    public static BuildOwner? FromName(string name, string prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var parts = name[prefix.Length..].Split('-');
        return parts.Length >= 4
            && int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && ulong.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && string.Join('-', parts[..^3]) is { Length: > 0 } host
            ? new BuildOwner(pid, host, start)
            : null;
    }

    /// <summary>Parses <see cref="ToText"/>; null when it is not such a record (empty, cut short, another format).</summary>
    public static BuildOwner? Parse(string text)
    {
        var fields = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        return fields.TryGetValue("pid", out var pid) && int.TryParse(pid, CultureInfo.InvariantCulture, out var pidNumber)
            && fields.TryGetValue("host", out var host) && host.Length > 0
            && fields.TryGetValue("start", out var start) && ulong.TryParse(start, CultureInfo.InvariantCulture, out var startTime)
            ? new BuildOwner(pidNumber, host, startTime)
            : null;
    }

    /// <summary>
    /// True when this owner is known to be gone: it ran on <paramref name="host"/> (only there can it be
    /// checked) and its pid is not running, or runs with another start time (reused).
    /// </summary>
    public bool IsDeadOn(string host, Func<int, ulong?> startTimeOf) => Host == host && startTimeOf(Pid) != StartTime;

    /// <summary>"process 123 on host h".</summary>
    public string Describe() => $"process {Pid} on host {Host}";

    /// <summary>Reads the owner recorded in <paramref name="directory"/> (in <paramref name="file"/>), or null when there is none (or it cannot be read).</summary>
    public static BuildOwner? ReadFrom(string directory, string file = FileName)
    {
        try
        {
            return Parse(File.ReadAllText(Path.Join(directory, file)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The start time of a running process, or null when no process has that pid.</summary>
    public static ulong? StartTimeOf(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // the command name (field 2) may hold spaces and parentheses: count from the last ')'
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 && ulong.TryParse(fields[19], CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }
}
