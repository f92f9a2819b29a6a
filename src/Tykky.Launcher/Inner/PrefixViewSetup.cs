using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Inner;

/// <summary>
/// Sets up a <see cref="PrefixView"/> in the sandbox's own mount namespace (with CAP_SYS_ADMIN there,
/// before the images are mounted): every source is opened first and the generation's <c>_bin</c> is
/// bound over its <c>bin</c>, then a tmpfs covers the prefix, each entry is bound from its open
/// descriptor or recreated as a link, and the tmpfs is made read-only.
/// Any failure takes the tmpfs away again, which leaves the host's prefix in view as without the
/// view: it saves metadata round trips, and programs work without it. Without the bind too (when a
/// directory cannot be opened or bound) a program called by its path in the generation's <c>bin</c>
/// still runs: that path is its wrapper, whose launcher execs it at once inside its own installation.
/// </summary>
internal static unsafe class PrefixViewSetup
{
    /// <summary>More entries than an installation has (about ten) are a prefix used for other things too: each would be a mount, so the host's prefix stays.</summary>
    private const int MaxEntries = 64;

    /// <summary>Sets up <paramref name="view"/>; false when the host's prefix stays in view instead.</summary>
    public static bool TryMount(PrefixView view)
    {
        var entries = new List<Entry>();
        var prefix = view.Prefix;
        try
        {
            if (!Collect(view, entries) || Mount("tmpfs", prefix, "tmpfs", Libc.MS_NOSUID | Libc.MS_NODEV, "mode=0755") != 0)
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
        finally
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
            var programs = OpenRealProgramsOverBin(prefixFd, view.Generation);
            entries.Add(new BoundEntry(InstallationLayout.BinDirectory, programs, IsDirectory: true));
            entries.Add(new LinkEntry(InstallationLayout.CurrentLink, view.Generation));
            if (programs < 0)
            {
                return false;
            }
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
                if (EntryOf(prefixFd, name, type) is not { } entry)
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

    /// <summary>
    /// Opens the generation's <c>_bin</c> (O_PATH; -1 when it cannot be) and binds it over the
    /// generation's <c>bin</c>, both through descriptors: a walk of the generation's path per
    /// directory, and none for the mount.
    /// </summary>
    private static int OpenRealProgramsOverBin(int prefixFd, string generation)
    {
        var generationFd = DescriptorNames.OpenPath(PathText.Join(DescriptorNames.Of(prefixFd), generation), Libc.O_DIRECTORY);
        if (generationFd < 0)
        {
            return -1;
        }
        var programs = DescriptorNames.OpenPath(PathText.Join(DescriptorNames.Of(generationFd), InstallationLayout.RealBinDirectory), Libc.O_DIRECTORY);
        var bin = DescriptorNames.OpenPath(PathText.Join(DescriptorNames.Of(generationFd), InstallationLayout.BinDirectory), Libc.O_DIRECTORY | Libc.O_NOFOLLOW);
        if (programs >= 0 && bin >= 0)
        {
            Mount(DescriptorNames.Of(programs), DescriptorNames.Of(bin), null, Libc.MS_BIND, null);
        }
        if (bin >= 0)
        {
            Libc.close(bin);
        }
        Libc.close(generationFd);
        return programs;
    }

    /// <summary>The entry <paramref name="name"/> of the prefix as the view shows it (d_type first; by trying when unknown).</summary>
    private static Entry? EntryOf(int prefixFd, string name, PosixFiles.EntryType type)
    {
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
    private abstract record Entry(string Name)
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
        public override bool Create(int viewFd)
        {
            fixed (byte* t = PosixText.EncodeNullTerminated(Target))
            fixed (byte* p = PosixText.EncodeNullTerminated(PathText.Join(DescriptorNames.Of(viewFd), Name)))
            {
                return Libc.symlink(t, p) == 0;
            }
        }
    }
}
