using Tykky.Launcher.Host;
using Tykky.Launcher.Keeper;
using Tykky.Launcher.Manifest;

namespace Tykky.Launcher.Planning;

/// <summary>
/// Decides whether a bubblewrap launch joins a keeper instead of building its own sandbox, and plans
/// both the keeper and the join. Pure.
/// <para>
/// A keeper is a bubblewrap sandbox like the per-launch one, with two differences: it has no
/// --die-with-parent (it outlives the launch that started it) and it binds the host's /proc instead of
/// mounting its own, because joined programs stay in the host's pid namespace and must find themselves
/// in /proc. Launches with the same mounts share a keeper: its key covers the rendered mounts (so a
/// different TMPDIR or CW_EXTRA_BIND_MOUNTS gets its own), the image's identity (a rebuilt image gets a
/// new keeper, while the old one serves the programs started from it) and the Slurm job.
/// </para>
/// </summary>
internal static class SharedMountPlanner
{
    /// <summary>Set to 0 or no, the launch builds its own sandbox (as with <c>shared_mount: no</c>).</summary>
    public const string OptOutVariable = "TYKKY_SHARED_MOUNT";

    /// <summary>The descriptors the keeper finds its ready pipe and lock on (the launcher puts them there).</summary>
    public const int KeeperReadyFd = 3;

    /// <inheritdoc cref="KeeperReadyFd"/>
    public const int KeeperLockFd = 4;

    /// <summary>A file that exists in every image: while it can be read, the keeper's mount serves.</summary>
    private static string CheckPath(InstallationManifest manifest) => PathText.Join(manifest.InstallationPath, InstallationLayout.ImageIdFile);

    /// <summary>
    /// The shared-mount plan of a host-mode bubblewrap launch, or null when this launch builds its own
    /// sandbox: the installation does not share its mount, the user is root (whose bubblewrap keeps
    /// capabilities that joined programs would inherit), the program is found by a search inside
    /// (_debug_exec, _debug_shell, dynamic conda activation), or facts are missing. The keeper shows
    /// the prefix as <paramref name="view"/>, as the per-launch sandbox would.
    /// </summary>
    public static SharedMountPlan? Plan(LaunchContext context, IReadOnlyList<Mount> mounts, PrefixView? view, IReadOnlyList<string> environment, ProgramLaunch program, IReadOnlyList<string> warnings)
    {
        var manifest = context.Manifest;
        var host = context.Host;
        if (manifest.SharedMount is not { } shared || manifest.Isolate || manifest.Runtime.Kind != RuntimeKind.Bwrap || manifest.Runtime.Squashfuse is not { } squashfuse
            || host.RunsAsRoot || program.Target is not ProgramPath || host.WorkingDirectory is not { } cwd || host.ImageIdentity is not { } image
            || context.Environment.Get(OptOutVariable) is "0" or "no")
        {
            return null;
        }
        var launcher = PathText.Join(context.Call.Prefix, InstallationLayout.LauncherFileName);
        var joiner = PathText.Join(context.Call.Prefix, InstallationLayout.JoinerFileName);
        var noOpen = PathText.Join(context.Call.Prefix, InstallationLayout.SquashfuseNoOpenFileName);
        var request = new KeeperRequest(KeeperReadyFd, KeeperLockFd, shared.IdleSeconds, squashfuse, noOpen, CheckPath(manifest), view, mounts.OfType<ImageMount>().ToArray());
        string[] keeper = [joiner, "--detach", manifest.Runtime.Executable, .. BwrapCommand.KeeperSandbox(PrefixView.MountsForRuntime(mounts, view)), "--", launcher, .. request.Encode()];
        var key = Native.PosixText.Fnv1a(string.Join('\0', [.. keeper, image, context.Environment.Get("SLURM_JOB_ID") ?? ""]));
        var stem = PathText.Join(KeeperRecords.Directory(context.Environment.Get(EnvironmentNames.RuntimeDirectory), host.UserId), $"{manifest.InstallationId}-{key:x16}");
        // both execs of the joiner go through the installation directory's handle; its argv[0] is its path
        var joinerLookup = PathText.Join(context.Call.FilesLookup, InstallationLayout.JoinerFileName);
        return new SharedMountPlan(stem + KeeperRecords.RecordExtension, stem + KeeperRecords.LockExtension,
            new ProgramLaunch(new ProgramPath(joinerLookup), joiner, keeper[1..]), joiner, cwd, program, environment, warnings)
        {
            JoinerLookup = joinerLookup,
            Copies = context.Call.Copies,
        };
    }
}
