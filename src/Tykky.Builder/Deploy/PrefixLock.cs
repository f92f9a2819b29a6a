using Tykky.Builder.Native;
using Tykky.Builder.Reporting;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Deploy;

/// <summary>
/// The exclusive flock(2) a build holds on <c>&lt;prefix&gt;/.tykky-lock</c> from before it looks at the
/// prefix until after it has deployed or rolled back. The file holds the holder's <see cref="BuildOwner"/>,
/// so a second build names it. The file is removed before the lock is released; a build that took the
/// lock checks that the path still names the file it locked, so removing it cannot let two builds in.
/// </summary>
public sealed class PrefixLock : IDisposable
{
    private const int MaxAttempts = 10;
    private readonly string _path;
    private int _fd;

    private PrefixLock(string path, int fd, bool exclusive)
    {
        _path = path;
        _fd = fd;
        IsExclusive = exclusive;
    }

    /// <summary>False when the filesystem could not lock (the build goes on unprotected).</summary>
    public bool IsExclusive { get; }

    /// <summary>Takes the lock of <paramref name="prefix"/> or throws a <see cref="BuildException"/> naming its holder.</summary>
    /// <remarks>
    /// Where the filesystem has no flock (NFS without a lock daemon: ENOLCK; Lustre mounted without
    /// <c>flock</c>: ENOSYS or EOPNOTSUPP) the build goes on with a warning: the deploy is still all
    /// or nothing, but two builds at once are not detected.
    /// </remarks>
    public static PrefixLock Acquire(string prefix, Reporter reporter)
    {
        var path = Path.Join(prefix, InstallationLayout.LockFileName);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var fd = PosixCalls.OpenForLock(path);
            var errno = PosixCalls.TryLockExclusive(fd);
            if (errno == PosixCalls.WouldBlock)
            {
                PosixCalls.Close(fd);
                var holder = BuildOwner.ReadFrom(prefix, InstallationLayout.LockFileName);
                throw new BuildException($"Installation prefix '{prefix}' is being built by {holder?.Describe() ?? "another build (its pid is not recorded yet)"}, which holds {path}; wait until it has finished");
            }
            if (errno != 0)
            {
                reporter.Warning($"Cannot lock {path}: {PosixCalls.ErrorText(errno)}; the filesystem has no flock (NFS and Lustre need the 'flock' mount option), so another build into this prefix at the same time would not be noticed");
            }
            if (PosixCalls.DescriptorNames(fd, path))
            {
                File.WriteAllText(path, BuildOwner.Current.ToText());
                return new PrefixLock(path, fd, exclusive: errno == 0);
            }
            PosixCalls.Close(fd); // the holder removed the file between our open and our lock
        }
        throw new BuildException($"Cannot lock {path}: it is removed and created again all the time; check what else writes to '{prefix}'");
    }

    /// <summary>Removes the lock file, then releases the lock.</summary>
    public void Dispose()
    {
        if (_fd < 0)
        {
            return;
        }
        try
        {
            File.Delete(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a lock file left behind is harmless: the next build takes the lock on it
        }
        PosixCalls.Close(_fd);
        _fd = -1;
    }
}
