namespace Tykky.Launcher.Tests.Fixtures;

/// <summary>Pieces of the bubblewrap argv that the plan tables expect for <see cref="Launches"/>, written out literally.</summary>
internal static class ExpectedArgv
{
    /// <summary>The sandbox options every bwrap launch starts with.</summary>
    public static readonly string[] Sandbox =
    [
        "--unshare-user", "--unshare-pid", "--die-with-parent",
        "--cap-drop", "ALL", "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP",
        "--dev-bind", "/dev", "/dev", "--proc", "/proc", "--ro-bind", "/sys", "/sys",
    ];

    /// <summary>Binds of the default host's top-level directories (/dev, /proc and /sys come from <see cref="Sandbox"/>).</summary>
    public static readonly string[] HostBinds =
        ["--bind", "/etc", "/etc", "--bind", "/home", "/home", "--bind", "/tmp", "/tmp", "--bind", "/usr", "/usr"];

    /// <summary><see cref="HostBinds"/> without the bind of <paramref name="destination"/>.</summary>
    public static string[] HostBindsBut(string destination) =>
        HostBinds.Chunk(3).Where(bind => bind[2] != destination).SelectMany(bind => bind).ToArray();

    /// <summary>The whole bwrap argv: argv[0], sandbox, mounts, then the launcher's inner step.</summary>
    public static string[] Bwrap(IEnumerable<string> mounts, IEnumerable<string> inner, string prefix = Launches.Prefix) =>
        [Launches.Bwrap, .. Sandbox, .. mounts, "--", $"{prefix}/tykky-launcher", "--tykky-inner", .. inner];

    /// <summary>The installation's mount point made on bwrap's root, and _bin bound over bin.</summary>
    public static string[] ImageAndBin(string prefix = Launches.Prefix) =>
        ["--dir", Launches.InstallationPath, "--bind", $"{prefix}/_bin", $"{prefix}/bin"];

    /// <summary>The inner step's mount of the installation's own image, then the capability drop.</summary>
    public static string[] MountOwnImage(string prefix = Launches.Prefix) =>
        ["--squashfuse", Launches.Squashfuse, "--mount", $"{prefix}/img.sqfs", "0", Launches.InstallationPath, "--drop-caps"];

    /// <summary>The inner step's exec of python3 inside, with argv[0] the wrapper path.</summary>
    public static string[] ExecPython(string invokedAs, params string[] arguments) =>
        ["--exec-path", Launches.ProgramInside, invokedAs, .. arguments];
}
