using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Inner;

/// <summary>
/// The command line that mounts one image, for either of squashfuse's two programs (the builder
/// records the one it found, preferring squashfuse_ll):
/// <list type="bullet">
/// <item><c>squashfuse_ll</c>, on libfuse's low-level API: it answers lookups and attributes with an
/// infinite timeout and keeps the page cache across opens by itself, and refuses the high-level
/// cache options; the image is read-only, so that is right for every mount.</item>
/// <item><c>squashfuse</c>, on the high-level API: libfuse caches lookups and attributes for 1 s unless
/// told otherwise, so a long-lived mount (a keeper's) asks for long timeouts.</item>
/// </list>
/// Both mount read-only (<c>-o ro</c>): the kernel then keeps a file's attributes across reads
/// instead of dropping its atime after each, so an fstat of an open file (python does one per module)
/// is answered from the cache, not by a request to squashfuse (measured: 785 of the 3,100 requests of
/// a warm numpy/scipy/pandas import).
/// A keeper's squashfuse_ll runs with the installation's squashfuse-noopen preloaded: it lets the
/// kernel open files and directories of the mount without asking squashfuse_ll and keep their
/// listings (src/squashfuse-noopen; 1,700 fewer requests of a warm import, bench/local-disk-gap.md).
/// </summary>
internal static class SquashfuseCommand
{
    /// <summary>The low-level program's name.</summary>
    public const string LowLevelName = "squashfuse_ll";

    /// <summary>
    /// The image never changes under a mount (a rebuilt image is a new file and gets a new keeper), so
    /// the kernel may keep lookups and attributes for as long as the mount lives.
    /// </summary>
    public const string LongLivedCacheOptions = "entry_timeout=86400,attr_timeout=86400,negative_timeout=86400";

    /// <summary>The variable through which the dynamic loader loads a library into a program first.</summary>
    public const string PreloadVariable = "LD_PRELOAD";

    /// <summary>
    /// The environment of a keeper's squashfuse: for squashfuse_ll, <paramref name="noOpen"/> preloaded
    /// instead of any preload the user's environment names (a user's preload has no business in the
    /// mount's server). The build writes the library beside the joiner and the keeper's launcher, so it
    /// is not looked for first (a metadata round trip on the prefix's filesystem): where it is gone the
    /// dynamic loader says so on squashfuse_ll's stderr (the keeper's /dev/null) and runs it without.
    /// </summary>
    /// <param name="squashfuse">The squashfuse program the manifest names.</param>
    /// <param name="noOpen">The installation's squashfuse-noopen library.</param>
    /// <param name="environment">The launch's environment.</param>
    public static EnvironmentVariables KeeperEnvironment(string squashfuse, string noOpen, EnvironmentVariables environment) =>
        Path.GetFileName(squashfuse) == LowLevelName ? environment.With(PreloadVariable, noOpen) : environment;

    /// <summary>The argv that mounts <paramref name="mount"/> with <paramref name="squashfuse"/>.</summary>
    /// <param name="squashfuse">The squashfuse program the manifest names.</param>
    /// <param name="mount">The image, its offset and where.</param>
    /// <param name="longLived">Whether the mount outlives one launch (a keeper's).</param>
    public static string[] For(string squashfuse, ImageMount mount, bool longLived)
    {
        var lowLevel = Path.GetFileName(squashfuse) == LowLevelName;
        var options = string.Join(',', new[]
        {
            "ro",
            mount.Offset == 0 ? "" : $"offset={mount.Offset}",
            longLived && !lowLevel ? LongLivedCacheOptions : "",
        }.Where(o => o.Length > 0));
        return [squashfuse, "-o", options, mount.Image, mount.Destination];
    }
}
