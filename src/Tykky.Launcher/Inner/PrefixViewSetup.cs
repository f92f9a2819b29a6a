using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Inner;

/// <summary>
/// Sets up a <see cref="PrefixView"/> in the sandbox's own mount namespace (with CAP_SYS_ADMIN there),
/// in two steps. <see cref="Prepare"/> only reads the prefix (and binds the generation's <c>_bin</c>
/// over its <c>bin</c>): every source is opened and the generation's programs are read from its
/// manifest, so it may run while squashfuse starts and opens its image and libraries by their paths in
/// the prefix. <see cref="PreparedView.TryMount"/>, once the images are mounted, covers the prefix
/// with a tmpfs, binds each entry from its open descriptor or recreates it as a link, makes
/// <c>bin</c> of the programs' links, and makes the tmpfs read-only.
/// Any failure takes the tmpfs away again, which leaves the host's prefix in view as without the
/// view: it saves metadata round trips, and programs work without it. Without the bind too (when a
/// directory cannot be opened or bound) a program called by its path in the generation's <c>bin</c>
/// still runs: that path is its wrapper, whose launcher execs it at once inside its own installation.
/// </summary>
internal static unsafe class PrefixViewSetup
{
    /// <summary>More entries than an installation has (about ten) are a prefix used for other things too: each would be a mount, so the host's prefix stays.</summary>
    private const int MaxEntries = 64;

    /// <summary>Opens what <paramref name="view"/> shows; null when the host's prefix stays in view instead.</summary>
    public static PreparedView? Prepare(PrefixView view)
    {
        var entries = new List<Entry>();
        var prepared = new PreparedView(view.Prefix, entries);
        if (Collect(view, entries))
        {
            return prepared;
        }
        prepared.Dispose();
        return null;
    }

    /// <summary>A view whose entries are open, to be mounted over <paramref name="prefix"/>; disposing closes them.</summary>
    internal sealed class PreparedView(string prefix, IReadOnlyList<Entry> entries) : IDisposable
    {
        /// <summary>Mounts the view over the prefix; false when the host's prefix stays in view instead.</summary>
        public bool TryMount()
        {
            if (Mount("tmpfs", prefix, "tmpfs", Libc.MS_NOSUID | Libc.MS_NODEV, "mode=0755") != 0)
            {
                return false;
            }
            // the entries are made through the tmpfs's own descriptor: a path would walk the prefix's parents again for each
            var tmpfs = DescriptorNames.OpenPath(prefix, Libc.O_DIRECTORY);
            var made = tmpfs >= 0 && entries.All(e => e.Create(tmpfs));
            if (tmpfs >= 0)
            {
                Libc.close(tmpfs);
            }
            if (made && Mount(null, prefix, null, Libc.MS_REMOUNT | Libc.MS_BIND | Libc.MS_RDONLY | Libc.MS_NOSUID | Libc.MS_NODEV, null) == 0)
            {
                return true;
            }
            fixed (byte* p = PosixText.EncodeNullTerminated(prefix))
            {
                Libc.umount2(p, Libc.MNT_DETACH);
            }
            return false;
        }

        public void Dispose()
        {
            foreach (var entry in entries)
            {
                entry.Close();
            }
        }
    }

    /// <summary>Opens the source of every entry of the view (false when one cannot be: the view would not show it).</summary>
    private static bool Collect(PrefixView view, List<Entry> entries)
    {
        var prefixFd = DescriptorNames.OpenPath(view.Prefix, Libc.O_DIRECTORY);
        if (prefixFd < 0)
        {
            return false;
        }
        try
        {
            if (ReadGeneration(prefixFd, view) is not { } generation)
            {
                return false;
            }
            entries.Add(new ProgramsEntry(InstallationLayout.BinDirectory, generation.Programs));
            entries.Add(new LinkEntry(InstallationLayout.CurrentLink, view.Generation));
            // a prefix the user may enter but not list reads as empty: its files stay reachable by name only on the host
            var hostEntries = PosixFiles.ReadDirectory(view.Prefix);
            if (hostEntries.Count > MaxEntries || !hostEntries.Any(e => e.Name == InstallationLayout.GenerationsDirectory))
            {
                return false;
            }
            foreach (var (name, type) in hostEntries)
            {
                if (name is InstallationLayout.BinDirectory or InstallationLayout.CurrentLink)
                {
                    continue;
                }
                if (EntryOf(prefixFd, name, type, generation.Entries) is not { } entry)
                {
                    return false;
                }
                entries.Add(entry);
            }
            return true;
        }
        finally
        {
            Libc.close(prefixFd);
        }
    }

    /// <summary>What the view takes from the generation: its programs (from its manifest) and the names of its entries.</summary>
    private sealed record Generation(IReadOnlyDictionary<string, string> Programs, IReadOnlySet<string> Entries);

    /// <summary>
    /// Binds the generation's <c>_bin</c> over its <c>bin</c>, through descriptors (a walk of the
    /// generation's path per directory, and none for the mount), and reads the generation's programs
    /// from its manifest and the names of its entries; null when the generation or its manifest cannot
    /// be read, or a program's name is no file name (the view would not show them).
    /// </summary>
    private static Generation? ReadGeneration(int prefixFd, PrefixView view)
    {
        var generationFd = DescriptorNames.OpenPath(PathText.Join(DescriptorNames.Of(prefixFd), view.Generation), Libc.O_DIRECTORY);
        if (generationFd < 0)
        {
            return null;
        }
        try
        {
            var generation = DescriptorNames.Of(generationFd);
            var programs = DescriptorNames.OpenPath(PathText.Join(generation, InstallationLayout.RealBinDirectory), Libc.O_DIRECTORY);
            var bin = DescriptorNames.OpenPath(PathText.Join(generation, InstallationLayout.BinDirectory), Libc.O_DIRECTORY | Libc.O_NOFOLLOW);
            if (programs >= 0 && bin >= 0)
            {
                Mount(DescriptorNames.Of(programs), DescriptorNames.Of(bin), null, Libc.MS_BIND, null);
            }
            if (programs >= 0)
            {
                Libc.close(programs);
            }
            if (bin >= 0)
            {
                Libc.close(bin);
            }
            var links = ManifestReader.Read(PathText.Join(generation, InstallationLayout.ManifestFileName)).Programs;
            var names = PosixFiles.ReadDirectory(generation).Select(entry => entry.Name).ToHashSet(StringComparer.Ordinal);
            return links.Keys.All(IsFileName) ? new Generation(links, names) : null;
        }
        catch (Diagnostics.LaunchException)
        {
            return null;
        }
        finally
        {
            Libc.close(generationFd);
        }
    }

    private static bool IsFileName(string name) => name.Length > 0 && !name.Contains('/') && name is not ("." or "..");

    /// <summary>
    /// The entry <paramref name="name"/> of the prefix as the view shows it (d_type first; by trying
    /// when unknown). A link named after an entry of the generation (<paramref name="generationEntries"/>)
    /// is the deploy's stable link, made as <see cref="InstallationLayout.StableLinkTarget"/> without
    /// reading it: two metadata round trips fewer per link on a parallel filesystem (its look-up and
    /// its read), for the seven of an installation.
    /// </summary>
    private static Entry? EntryOf(int prefixFd, string name, PosixFiles.EntryType type, IReadOnlySet<string> generationEntries)
    {
        if (type is PosixFiles.EntryType.Link && generationEntries.Contains(name))
        {
            return new LinkEntry(name, InstallationLayout.StableLinkTarget(name));
        }
        var path = PathText.Join(DescriptorNames.Of(prefixFd), name);
        if (type is PosixFiles.EntryType.Link or PosixFiles.EntryType.Unknown && PosixFiles.ReadLink(path) is { } target)
        {
            return new LinkEntry(name, target);
        }
        if (type is PosixFiles.EntryType.Directory or PosixFiles.EntryType.Unknown && DescriptorNames.OpenPath(path, Libc.O_DIRECTORY | Libc.O_NOFOLLOW) is var directory and >= 0)
        {
            return new BoundEntry(name, directory, IsDirectory: true);
        }
        var file = DescriptorNames.OpenPath(path, Libc.O_NOFOLLOW);
        return file >= 0 ? new BoundEntry(name, file, IsDirectory: false) : null;
    }

    private static int Mount(string? source, string target, string? type, ulong flags, string? data)
    {
        fixed (byte* s = source is null ? null : PosixText.EncodeNullTerminated(source))
        fixed (byte* t = PosixText.EncodeNullTerminated(target))
        fixed (byte* f = type is null ? null : PosixText.EncodeNullTerminated(type))
        fixed (byte* d = data is null ? null : PosixText.EncodeNullTerminated(data))
        {
            return Libc.mount(s, t, f, flags, d);
        }
    }

    /// <summary>One entry of the view's tmpfs.</summary>
    internal abstract record Entry(string Name)
    {
        /// <summary>Makes the entry in the view's tmpfs, open as <paramref name="viewFd"/>.</summary>
        public abstract bool Create(int viewFd);

        public virtual void Close()
        {
        }
    }

    /// <summary>A host file or directory (open as <paramref name="Fd"/>, O_PATH) bound at the entry, with what is mounted below it.</summary>
    private sealed record BoundEntry(string Name, int Fd, bool IsDirectory) : Entry(Name)
    {
        public override bool Create(int viewFd)
        {
            var point = PathText.Join(DescriptorNames.Of(viewFd), Name);
            fixed (byte* p = PosixText.EncodeNullTerminated(point))
            {
                var made = IsDirectory ? Libc.mkdir(p, 0x1ed) : Libc.open(p, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_CLOEXEC, 0x1a4); // 0755, 0644
                if (made < 0 || (!IsDirectory && Libc.close(made) != 0))
                {
                    return false;
                }
            }
            return Mount(DescriptorNames.Of(Fd), point, null, Libc.MS_BIND | Libc.MS_REC, null) == 0;
        }

        public override void Close()
        {
            if (Fd >= 0)
            {
                Libc.close(Fd);
            }
        }
    }

    /// <summary>A symbolic link with the host link's text (or the view's own, for <c>current</c>).</summary>
    private sealed record LinkEntry(string Name, string Target) : Entry(Name)
    {
        public override bool Create(int viewFd) => MakeLink(DescriptorNames.Of(viewFd), Name, Target);
    }

    /// <summary>
    /// The view's <c>bin</c>: a directory of the tmpfs with a link per program, as the generation's
    /// <c>_bin</c> has them. A program's look at its own path (Python's getpath: its link, then
    /// <c>pyvenv.cfg</c> and <c>python3._pth</c> beside it) thus stays in the tmpfs, off the prefix's filesystem.
    /// </summary>
    private sealed record ProgramsEntry(string Name, IReadOnlyDictionary<string, string> Programs) : Entry(Name)
    {
        public override bool Create(int viewFd)
        {
            var directory = PathText.Join(DescriptorNames.Of(viewFd), Name);
            fixed (byte* d = PosixText.EncodeNullTerminated(directory))
            {
                if (Libc.mkdir(d, 0x1ed) != 0) // 0755
                {
                    return false;
                }
            }
            foreach (var (program, target) in Programs)
            {
                if (!MakeLink(directory, program, target))
                {
                    return false;
                }
            }
            return true;
        }
    }

    private static bool MakeLink(string directory, string name, string target)
    {
        fixed (byte* t = PosixText.EncodeNullTerminated(target))
        fixed (byte* p = PosixText.EncodeNullTerminated(PathText.Join(directory, name)))
        {
            return Libc.symlink(t, p) == 0;
        }
    }
}
