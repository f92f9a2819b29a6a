namespace Tykky.Launcher.Planning;

/// <summary>One mount the runtime sets up in the container, in order.</summary>
/// <param name="Destination">Absolute path inside the container.</param>
internal abstract record Mount(string Destination);

/// <summary>A host path bound at <paramref name="Destination"/>.</summary>
internal sealed record BindMount(string Source, string Destination, bool ReadOnly = false) : Mount(Destination);

/// <summary>A host top-level symlink recreated inside (bwrap) or bound through its target (apptainer).</summary>
/// <param name="LinkTarget">The link's text, e.g. "usr/bin".</param>
/// <param name="Destination">The link's path, e.g. "/bin".</param>
internal sealed record LinkMount(string LinkTarget, string Destination) : Mount(Destination);

/// <summary>A squashfs image mounted read-only at <paramref name="Destination"/>.</summary>
/// <param name="Image">Host path of the image file.</param>
/// <param name="Destination">Mount point inside.</param>
/// <param name="Offset">Byte offset of the squashfs in the file (non-zero inside a SIF).</param>
internal sealed record ImageMount(string Image, string Destination, long Offset = 0) : Mount(Destination);

/// <summary>An empty writable tmpfs at <paramref name="Destination"/> (bubblewrap's isolated /tmp).</summary>
internal sealed record TmpfsMount(string Destination) : Mount(Destination);

/// <summary>An empty directory made on the sandbox's own root, as a mount point (bubblewrap).</summary>
internal sealed record DirectoryMount(string Destination) : Mount(Destination);
