using System.Runtime.InteropServices;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Inspection;

/// <summary>A keeper record of the user: a keeper holding an installation's image mounted (bubblewrap shared mount).</summary>
/// <param name="Pid">The keeper's pid.</param>
/// <param name="InstallationId">The installation it serves.</param>
/// <param name="Prefix">That installation's directory.</param>
/// <param name="Running">False for the record of a keeper that has ended (removed when the next keeper starts).</param>
public sealed record KeeperInfo(int Pid, string InstallationId, string Prefix, bool Running);

/// <summary>Reads the keeper records of the user running the builder (see <see cref="KeeperRecords"/>).</summary>
public static partial class KeeperList
{
    [LibraryImport("libc")]
    private static partial uint getuid();

    /// <summary>The user's keeper directory, as the launcher computes it from the same environment.</summary>
    public static string DirectoryFor(Func<string, string?> environment) => KeeperRecords.Directory(environment("XDG_RUNTIME_DIR"), getuid());

    /// <summary>The records in <paramref name="directory"/>, in pid order; empty when there is none.</summary>
    public static IReadOnlyList<KeeperInfo> Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        return Directory.EnumerateFiles(directory, "*" + KeeperRecords.RecordExtension)
            .Select(path => (Name: Path.GetFileName(path), Record: TryRead(path)))
            .Where(entry => entry.Record is not null && entry.Name.Contains('-'))
            .Select(entry => new KeeperInfo(entry.Record!.Pid, entry.Name[..entry.Name.IndexOf('-')], entry.Record.Prefix, KeeperRecords.IsAlive(entry.Record, TryReadText(KeeperRecords.StatPathOf(entry.Record)))))
            .OrderBy(keeper => keeper.Pid)
            .ToArray();
    }

    private static KeeperRecord? TryRead(string path) => TryReadText(path) is { } text ? KeeperRecords.Parse(text) : null;

    private static string? TryReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
