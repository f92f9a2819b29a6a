using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;

namespace Tykky.Launcher.Planning;

/// <summary>
/// Renders a launch as unprivileged bubblewrap commands whose first process is the launcher's inner
/// step (see <see cref="InnerStepRequest"/>). Measured with bubblewrap 0.8 on Debian 12: the FUSE
/// mount needs <c>--dev-bind /dev /dev</c> (with <c>--dev</c> it fails with EPERM); "/" cannot be
/// bound and then given new directories, so each top-level directory is bound on its own.
/// <list type="bullet">
/// <item>Host mode: one sandbox showing the host; the inner step mounts the image and execs the program.</item>
/// <item>Isolated, directory container, no image: one sandbox whose root is the container's entries.</item>
/// <item>Isolated otherwise: squashfuse must mount the images before the isolated root can bind from
/// them, so a first sandbox showing the host mounts them under /.tykky, drops its capabilities and
/// execs a second bubblewrap that builds the isolated root from those mounts.</item>
/// </list>
/// </summary>
internal static class BwrapCommand
{
    /// <summary>Where the first of two sandboxes mounts the images for the second.</summary>
    private const string StagingDirectory = "/.tykky";

    /// <summary>Own user, mount and pid namespaces: every process, squashfuse included, dies with the program or with the wrapper's process.</summary>
    private static readonly string[] Namespaces = ["--unshare-user", "--unshare-pid", "--die-with-parent"];

    /// <summary>
    /// Only what the inner step needs to mount FUSE (CAP_SYS_ADMIN in its user namespace) and then to
    /// drop everything (CAP_SETPCAP). As root bubblewrap keeps every capability unless told.
    /// </summary>
    private static readonly string[] MountCapabilities = ["--cap-drop", "ALL", "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP"];

    /// <summary>A sandbox that mounts nothing itself needs no capability.</summary>
    private static readonly string[] NoCapabilities = ["--cap-drop", "ALL"];

    private static readonly string[] SystemMounts = ["--dev-bind", "/dev", "/dev", "--proc", "/proc", "--ro-bind", "/sys", "/sys"];

    /// <summary>
    /// The second of two sandboxes, inside the first. It reuses the first one's pid namespace and
    /// /proc: a new procfs is refused in a nested namespace because bubblewrap covers parts of the
    /// outer one. Root's bubblewrap is privileged and needs no user namespace; everyone else's needs
    /// one, and must start without capabilities ("Unexpected capabilities but not setuid").
    /// </summary>
    private static string[] NestedSandboxOptions(bool asRoot) =>
        [.. asRoot ? Array.Empty<string>() : ["--unshare-user"], "--die-with-parent", .. NoCapabilities,
         "--dev-bind", "/dev", "/dev", "--bind", "/proc", "/proc", "--ro-bind", "/sys", "/sys"];

    /// <summary>
    /// The sandbox of a keeper (<see cref="SharedMountPlanner"/>): the per-launch one, but with the
    /// host's /proc, in which joined programs find themselves. Its parent is not the launch that
    /// started it (see tykky-join --detach), so --die-with-parent ties it to the keeper alone: when the
    /// keeper ends, bubblewrap does, and its init and squashfuse die with it.
    /// </summary>
    public static IReadOnlyList<string> KeeperSandbox(IReadOnlyList<Mount> mounts) =>
        [.. Namespaces, .. MountCapabilities, "--dev-bind", "/dev", "/dev", "--bind", "/proc", "/proc", "--ro-bind", "/sys", "/sys", .. Render(mounts)];

    /// <summary>The bubblewrap launch that runs <paramref name="program"/> with <paramref name="mounts"/>, the prefix shown as <paramref name="view"/> (see <see cref="PrefixView.For"/>).</summary>
    public static ProgramLaunch Launch(LaunchContext context, IReadOnlyList<Mount> mounts, PrefixView? view, ProgramLaunch program)
    {
        var manifest = context.Manifest;
        if (context.Host.RootWithoutCapabilities)
        {
            throw new LaunchException("bubblewrap cannot start as root without capabilities (inside another sandbox)", manifest.Runtime.Executable,
                $"run '{context.Call.InvokedAs}' from outside, as a normal user, or mount this installation's image in the other one with CW_EXTRA_BIND_MOUNTS", ExitCode.Unavailable);
        }
        var launcher = PathText.Join(context.Call.Prefix, InstallationLayout.LauncherFileName);
        if (manifest.Isolate)
        {
            return Isolated(context, manifest.Container ?? throw new LaunchException("an isolated installation names no container root", InstallationLayout.ManifestFileName,
                "rebuild it with wrap-container, or with 'isolate: no'", ExitCode.Config), mounts, launcher, program);
        }
        var images = mounts.OfType<ImageMount>().ToArray();
        var inner = new InnerStepRequest(images.Length > 0 ? Squashfuse(manifest) : null, images, DropCapabilities: true, program) { View = view };
        return Bwrap(manifest.Runtime, [.. Namespaces, .. MountCapabilities, .. SystemMounts, .. Render(PrefixView.MountsForRuntime(mounts, view))], launcher, inner);
    }

    private static ProgramLaunch Isolated(LaunchContext context, ContainerSpec container, IReadOnlyList<Mount> mounts, string launcher, ProgramLaunch program)
    {
        var staged = new List<ImageMount>();
        var root = container.Kind switch
        {
            ContainerKind.Directory => BindPlanner.InPrefix(context.Call.Prefix, container.Path),
            ContainerKind.Sif or ContainerKind.Squashfs => Stage(staged, BindPlanner.InPrefix(context.Call.Prefix, container.Path), container.Offset),
        };
        // Programs expect a writable /tmp; mount points or $TMPDIR bound later replace it.
        var inner = new List<Mount>(RootMounts(container, root)) { new TmpfsMount("/tmp") };
        inner.AddRange(mounts.Select(m => m is ImageMount image ? new BindMount(Stage(staged, image.Image, image.Offset), image.Destination, ReadOnly: true) : m));
        var isolated = new InnerStepRequest(null, [], DropCapabilities: false, program);
        if (staged.Count == 0)
        {
            return Bwrap(context.Manifest.Runtime, [.. Namespaces, .. NoCapabilities, .. SystemMounts, .. Render(inner)], launcher, isolated);
        }
        var asRoot = context.Host.RunsAsRoot;
        var second = Bwrap(context.Manifest.Runtime, [.. NestedSandboxOptions(asRoot), .. Render(inner)], launcher, isolated);
        var hostView = BindPlanner.HostView(context.Host);
        hostView.AddRange(staged.Select(s => (Mount)new DirectoryMount(s.Destination)));
        var first = new InnerStepRequest(Squashfuse(context.Manifest), staged, DropCapabilities: !asRoot, second);
        return Bwrap(context.Manifest.Runtime, [.. Namespaces, .. MountCapabilities, .. SystemMounts, .. Render(hostView)], launcher, first);
    }

    /// <summary>Adds an image to mount in the first sandbox; returns where it will be mounted.</summary>
    private static string Stage(List<ImageMount> staged, string image, long offset)
    {
        var destination = staged.Count == 0 ? $"{StagingDirectory}/root" : $"{StagingDirectory}/image-{staged.Count}";
        staged.Add(new ImageMount(image, destination, offset));
        return destination;
    }

    /// <summary>The container's top-level entries, read-only (the runtime's own /dev, /proc, /sys excepted).</summary>
    private static IEnumerable<Mount> RootMounts(ContainerSpec container, string root) =>
        container.RootEntries
            .Where(e => !BindPlanner.RuntimeProvidedDirectories.Contains("/" + e.Name))
            .Select(e => e.LinkTarget is { } link ? (Mount)new LinkMount(link, "/" + e.Name) : new BindMount(PathText.Join(root, e.Name), "/" + e.Name, ReadOnly: true));

    private static ProgramLaunch Bwrap(RuntimeSpec runtime, IEnumerable<string> options, string launcher, InnerStepRequest inner) =>
        new(new ProgramPath(runtime.Executable), runtime.Executable, [.. options, "--", launcher, .. inner.Encode()]) { Transport = ArgumentTransport.BwrapArgumentFiles };

    private static string Squashfuse(InstallationManifest manifest) =>
        manifest.Runtime.Squashfuse ?? throw new LaunchException("the manifest names no squashfuse for the bwrap runtime", InstallationLayout.ManifestFileName,
            "rebuild the installation on a host with squashfuse installed", ExitCode.Config);

    /// <summary>bubblewrap's options for the mounts, in a plain loop (the launcher's hot path, see <see cref="BindPlanner.HostView"/>).</summary>
    private static List<string> Render(IReadOnlyList<Mount> intended)
    {
        var mounts = MountOrder.ForRuntime(intended);
        var options = new List<string>(mounts.Count * 3);
        for (var i = 0; i < mounts.Count; i++)
        {
            options.AddRange(Render(mounts, i));
        }
        return options;
    }

    private static string[] Render(IReadOnlyList<Mount> mounts, int index) => mounts[index] switch
    {
        BindMount { ReadOnly: true } bind => ["--ro-bind", bind.Source, bind.Destination],
        BindMount bind => ["--bind", bind.Source, bind.Destination],
        LinkMount link => ["--symlink", link.LinkTarget, link.Destination],
        TmpfsMount tmpfs => ["--tmpfs", tmpfs.Destination],
        DirectoryMount directory => ["--dir", directory.Destination],
        // The inner step mounts images; a mount point outside every host bind is made on bwrap's tmpfs root.
        ImageMount image => BindPlanner.IsBound(mounts, index, image.Destination) ? [] : ["--dir", image.Destination],
        var other => throw new System.Diagnostics.UnreachableException($"mount kind {other.GetType().Name}"),
    };
}
