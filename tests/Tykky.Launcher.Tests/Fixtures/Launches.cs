using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Tests.Fixtures;

/// <summary>
/// The standard installation of the plan tables: <c>/home/user/env</c>, image <c>img.sqfs</c> mounted at
/// <c>/LOCAL_TYKKY</c> by the bwrap runtime, wrapper <c>python</c> whose program (its <c>_bin</c> link)
/// is <c>/LOCAL_TYKKY/bin/python3</c>, on a small host (/dev /etc /home /proc /sys /tmp /usr).
/// </summary>
internal static class Launches
{
    public const string Prefix = "/home/user/env";
    public const string Bwrap = "/usr/bin/bwrap";
    public const string Squashfuse = "/usr/bin/squashfuse";
    public const string InstallationPath = "/LOCAL_TYKKY";
    public const string ProgramInside = "/LOCAL_TYKKY/bin/python3";

    /// <summary>The caller's environment of most rows.</summary>
    public static readonly string[] CallerEnvironment = ["PATH=/home/user/env/bin:/usr/bin:/bin", "HOME=/home/user", "LANG=C.UTF-8"];

    public static InstallationManifest Manifest() => new()
    {
        SchemaVersion = InstallationManifest.CurrentSchemaVersion,
        ToolVersion = "0.1.0",
        InstallationId = "3f2a9c0e",
        InstallationPath = InstallationPath,
        Runtime = new RuntimeSpec { Kind = RuntimeKind.Bwrap, Executable = Bwrap, Squashfuse = Squashfuse },
        Image = new ImageSpec { Path = "img.sqfs" },
        Programs = new Dictionary<string, string> { ["python"] = ProgramInside, ["pip"] = "/LOCAL_TYKKY/bin/pip" },
    };

    public static HostFacts Host(params HostEntry[] topLevel) => new()
    {
        TopLevelEntries = topLevel.Length > 0 ? topLevel : Dirs("/dev", "/etc", "/home", "/proc", "/sys", "/tmp", "/usr"),
    };

    /// <summary>Top-level host directories (not links).</summary>
    public static HostEntry[] Dirs(params string[] paths) => paths.Select(p => new HostEntry(p, null)).ToArray();

    /// <summary>A top-level host symlink, e.g. /bin → usr/bin.</summary>
    public static HostEntry Link(string path, string target) => new(path, target);

    public static WrapperInvocation Call(string program = "python", params string[] arguments) =>
        new(Prefix, program, $"{Prefix}/bin/{program}", arguments);

    public static WrapperInvocation CallIn(string prefix, string program = "python", params string[] arguments) =>
        new(prefix, program, $"{prefix}/bin/{program}", arguments);

    public static LaunchContext Context(InstallationManifest? manifest = null, IEnumerable<string>? environment = null, HostFacts? host = null, WrapperInvocation? call = null) =>
        new(call ?? Call(), manifest ?? Manifest(), EnvironmentVariables.FromEntries(environment ?? CallerEnvironment), host ?? Host());
}
