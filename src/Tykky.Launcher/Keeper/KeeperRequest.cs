using System.Globalization;
using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Keeper;

/// <summary>
/// What a keeper does, as the first process of its bubblewrap sandbox: mount the images, report
/// readiness on a pipe, then stay until no process is left in its namespaces. It travels as the
/// launcher's own argv:
/// <code>
/// tykky-launcher --tykky-keeper READY-FD LOCK-FD IDLE-SECONDS SQUASHFUSE SQUASHFUSE-NOOPEN CHECK-PATH VIEW-PREFIX VIEW-GENERATION [IMAGE OFFSET DIR]...
/// </code>
/// </summary>
/// <param name="ReadyFd">The pipe on which the keeper writes "ready PID STARTTIME" or "error TEXT".</param>
/// <param name="LockFd">The keeper's lock file (see <see cref="Manifest.KeeperRecords"/>), taken exclusively before the keeper ends.</param>
/// <param name="IdleSeconds">How long the keeper stays with no process inside.</param>
/// <param name="Squashfuse">The squashfuse binary.</param>
/// <param name="SquashfuseNoOpen">The installation's squashfuse-noopen library, preloaded into squashfuse_ll where it exists (see <see cref="Inner.SquashfuseCommand"/>).</param>
/// <param name="CheckPath">A file inside the installation's image: while it can be read, the mount serves.</param>
/// <param name="View">The view of the prefix to set up first (both fields empty when none).</param>
/// <param name="Mounts">The images to mount, in order.</param>
internal sealed record KeeperRequest(int ReadyFd, int LockFd, int IdleSeconds, string Squashfuse, string SquashfuseNoOpen, string CheckPath, PrefixView? View, IReadOnlyList<ImageMount> Mounts)
{
    private const int FixedArguments = 9;

    /// <summary>First argument that selects the keeper.</summary>
    public const string Marker = "--tykky-keeper";

    /// <summary>The launcher arguments (after argv[0]) for this request.</summary>
    public IReadOnlyList<string> Encode() =>
    [
        Marker, Text(ReadyFd), Text(LockFd), Text(IdleSeconds), Squashfuse, SquashfuseNoOpen, CheckPath, View?.Prefix ?? "", View?.Generation ?? "",
        .. Mounts.SelectMany(m => new[] { m.Image, m.Offset.ToString(CultureInfo.InvariantCulture), m.Destination }),
    ];

    /// <summary>Decodes the arguments written by <see cref="Encode"/>.</summary>
    public static KeeperRequest Decode(IReadOnlyList<string> args)
    {
        if (args.Count < FixedArguments || args[0] != Marker || (args.Count - FixedArguments) % 3 != 0)
        {
            throw Invalid("wrong number of arguments");
        }
        var mounts = new List<ImageMount>();
        for (var i = FixedArguments; i < args.Count; i += 3)
        {
            mounts.Add(new ImageMount(args[i], args[i + 2], long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : throw Invalid("offset is not a number")));
        }
        var view = args[7].Length > 0 ? new PrefixView(args[7], args[8]) : null;
        return new KeeperRequest(Number(args[1]), Number(args[2]), Number(args[3]), args[4], args[5], args[6], view, mounts);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid($"'{text}' is not a number");

    private static LaunchException Invalid(string why) =>
        new("bad keeper arguments", Marker, $"{why}; the launcher starts its keepers this way, do not call it by hand", ExitCode.Usage);
}
