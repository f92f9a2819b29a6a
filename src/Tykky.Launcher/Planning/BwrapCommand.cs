using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Manifest;

namespace Tykky.Launcher.Planning;

/// <summary>
/// Renders a launch as an unprivileged bubblewrap command whose first process is the launcher's inner
/// step (see <see cref="InnerStepRequest"/>). Measured with bubblewrap 0.8 on Debian 12: the FUSE
/// mount needs <c>--dev-bind /dev /dev</c> (with <c>--dev</c> it fails with EPERM); "/" cannot be
/// bound and then given new directories, so each top-level directory is bound on its own.
/// </summary>
internal static class BwrapCommand
{
    /// <summary>
    /// The sandbox: own user, mount and pid namespaces (all processes, squashfuse included, die with
    /// the program or with the wrapper's process), and only the two capabilities the inner step needs
    /// to mount FUSE and then drop everything. As root bubblewrap keeps every capability unless told.
    /// </summary>
    private static readonly string[] SandboxOptions =
    [
        "--unshare-user", "--unshare-pid", "--die-with-parent",
        "--cap-drop", "ALL", "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP",
        "--dev-bind", "/dev", "/dev", "--proc", "/proc", "--ro-bind", "/sys", "/sys",
    ];

    /// <summary>The bubblewrap launch that runs <paramref name="program"/> with <paramref name="mounts"/>.</summary>
    public static ProgramLaunch Launch(RuntimeSpec runtime, string launcher, IReadOnlyList<Mount> mounts, ProgramLaunch program)
    {
        var images = mounts.OfType<ImageMount>().ToArray();
        if (images.Length > 0 && runtime.Squashfuse is null)
        {
            throw new LaunchException("the manifest names no squashfuse for the bwrap runtime", InstallationLayout.ManifestFileName,
                "rebuild the installation on a host with squashfuse installed", ExitCode.Config);
        }
        var args = new List<string>(SandboxOptions);
        for (var i = 0; i < mounts.Count; i++)
        {
            args.AddRange(Render(mounts[i], mounts.Take(i)));
        }
        args.Add("--");
        args.Add(launcher);
        args.AddRange(new InnerStepRequest(images.Length > 0 ? runtime.Squashfuse : null, images, DropCapabilities: true, program).Encode());
        return new ProgramLaunch(new ProgramPath(runtime.Executable), runtime.Executable, args);
    }

    private static IEnumerable<string> Render(Mount mount, IEnumerable<Mount> before) => mount switch
    {
        BindMount { ReadOnly: true } bind => ["--ro-bind", bind.Source, bind.Destination],
        BindMount bind => ["--bind", bind.Source, bind.Destination],
        LinkMount link => ["--symlink", link.LinkTarget, link.Destination],
        // The inner step mounts images; a mount point outside every host bind is made on bwrap's tmpfs root.
        ImageMount image => BindPlanner.IsBound(before, image.Destination) ? [] : ["--dir", image.Destination],
        _ => throw new System.Diagnostics.UnreachableException($"mount kind {mount.GetType().Name}"),
    };
}
