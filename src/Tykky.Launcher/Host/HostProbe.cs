using Tykky.Launcher.Manifest;
using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Host;

/// <summary>Reads the host facts a plan needs, and nothing else (each probe is a syscall or two).</summary>
internal static class HostProbe
{
    /// <summary>
    /// Gathers the facts for launching <paramref name="call"/>. Inside the installation's own container
    /// the program runs directly, so only the mount state is read there: that path (a dask worker, a
    /// program calling another one) must stay as cheap as an exec. The program's path is the manifest's.
    /// </summary>
    public static HostFacts Gather(WrapperInvocation call, InstallationManifest manifest, EnvironmentVariables environment)
    {
        var inside = new HostFacts { InstallationMount = InstallationMountState(manifest) };
        if (inside.InstallationMount == MountState.Ours)
        {
            return inside;
        }
        var enclosing = EnclosingContainer(environment);
        var uid = Libc.getuid();
        var root = uid == 0;
        var shared = manifest.SharedMount is not null && !root;
        return inside with
        {
            // bubblewrap's isolated launch still starts from the host's view to mount the images
            TopLevelEntries = manifest.Isolate && manifest.Runtime.Kind != RuntimeKind.Bwrap ? [] : TopLevelDirectories(),
            ExistingPaths = ExistingBindSources(manifest, environment),
            EnclosingContainer = enclosing,
            EnclosingContainerIsOurs = enclosing is not null && manifest.Container is { } own
                && PosixFiles.RealPath(enclosing) is { } enclosingFile && enclosingFile == PosixFiles.RealPath(BindPlanner.InPrefix(call.Prefix, own.Path)),
            // a venv's bin/python links to the wrapper; the installation's own bin/ is no venv
            VenvBinDirectory = call.ThroughOtherLinks ? VenvBinDirectory(call.InvokedAs) : null,
            RunsAsRoot = root,
            UserId = uid,
            ImageIdentity = shared && manifest.Image is { } image ? ImageIdentity(call, image) : null,
            RootWithoutCapabilities = root && !Capabilities.IsEffective(SysAdminCapability),
            GpuDevices = manifest.Gpu == GpuMode.Auto ? GpuDevicesPresent() : GpuMode.None,
        };
    }

    private const int SysAdminCapability = 21;

    /// <summary>
    /// What tells the image apart from any other at its path, for the keeper's name. A generation's
    /// image never changes (an update deploys a new generation; a prefix made anew has a new
    /// installation id), so its generation names it without a stat of a file on the parallel
    /// filesystem; a keeper that cannot mount it is not started and the launch's own sandbox reports
    /// why. In the flat layout a rebuilt image is a new file: its size and modification time, null
    /// when it is missing.
    /// </summary>
    private static string? ImageIdentity(WrapperInvocation call, ImageSpec image)
    {
        if (call.Prefix != call.StablePrefix && image.Kind == ImageKind.Squashfs)
        {
            return call.Prefix;
        }
        var file = new FileInfo(BindPlanner.InPrefix(call.FilesLookup, image.Path));
        return file.Exists ? $"{file.Length}:{file.LastWriteTimeUtc.Ticks}" : null;
    }

    private static string? VenvBinDirectory(string invokedAs)
    {
        var binDirectory = Path.GetFullPath(PathText.DirectoryOf(invokedAs));
        return PosixFiles.Exists(PathText.Join(binDirectory, "../pyvenv.cfg")) ? binDirectory : null;
    }

    private static string? EnclosingContainer(EnvironmentVariables environment) =>
        PosixFiles.Exists("/.singularity.d") ? environment.Get("APPTAINER_CONTAINER") ?? environment.Get("SINGULARITY_CONTAINER") : null;

    /// <summary>The device nodes the NVIDIA and AMD (ROCm) drivers create.</summary>
    private static GpuMode GpuDevicesPresent() =>
        PosixFiles.Exists("/dev/nvidiactl") ? GpuMode.Nvidia : PosixFiles.Exists("/dev/kfd") ? GpuMode.Amd : GpuMode.None;

    /// <summary>Directories of "/" and links to directories, from d_type (a stat only for links and unknown types).</summary>
    private static IReadOnlyList<HostEntry> TopLevelDirectories()
    {
        var entries = new List<(string Name, PosixFiles.EntryType Type)>(PosixFiles.ReadDirectory("/"));
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var directories = new List<HostEntry>(entries.Count);
        foreach (var (name, type) in entries)
        {
            var path = "/" + name;
            if (type == PosixFiles.EntryType.Directory)
            {
                directories.Add(new HostEntry(path, null));
            }
            else if (type is PosixFiles.EntryType.Link or PosixFiles.EntryType.Unknown && Directory.Exists(path))
            {
                directories.Add(new HostEntry(path, PosixFiles.ReadLink(path)));
            }
        }
        return directories;
    }

    private static MountState InstallationMountState(InstallationManifest manifest)
    {
        if (manifest.Image is null || !MountTable.IsMountPoint(MountTable.ReadOwn(), manifest.InstallationPath))
        {
            return MountState.NotMounted;
        }
        var id = PosixFiles.TryReadAll(PathText.Join(manifest.InstallationPath, InstallationLayout.ImageIdFile));
        return id is not null && PosixText.Decode(id).Trim() == manifest.InstallationId ? MountState.Ours : MountState.Other;
    }

    private static HashSet<string> ExistingBindSources(InstallationManifest manifest, EnvironmentVariables environment)
    {
        var candidates = new List<string>(manifest.MountPoints);
        if (environment.Get(EnvironmentNames.TmpDir) is { Length: > 0 } tmpDir)
        {
            candidates.Add(tmpDir);
        }
        candidates.AddRange(BindSpecParser.Parse(environment.Get(EnvironmentNames.ExtraBindMounts)).Select(s => s.Source));
        return candidates.Where(PosixFiles.Exists).ToHashSet(StringComparer.Ordinal);
    }
}
