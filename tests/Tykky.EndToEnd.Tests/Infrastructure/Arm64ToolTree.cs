namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The linux-arm64 tool tree that ./build.sh --arch both lays out in dist/linux-arm64/, run on this
/// amd64 host under qemu-user.
/// </summary>
public static class Arm64ToolTree
{
    /// <summary>qemu's user-mode emulator (Debian qemu-user-static).</summary>
    public const string Qemu = "/usr/bin/qemu-aarch64-static";

    /// <summary>The cross compiler for the arm64 program the specs wrap (Debian gcc-aarch64-linux-gnu).</summary>
    public const string CrossCompiler = "/usr/bin/aarch64-linux-gnu-gcc";

    /// <summary>The tree.</summary>
    public static string Root => Path.Join(ToolTree.Root, "linux-arm64");

    /// <summary>A program of the tree, e.g. "wrap-install".</summary>
    public static string Bin(string name) => Path.Join(Root, "bin", name);

    /// <summary>The static arm64 launcher.</summary>
    public static string Launcher => Path.Join(Root, "libexec", "tykky-launcher");

    /// <summary>How long an emulated run may take: emulation is several times slower, more so on a busy machine.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    /// <summary>Runs an arm64 program of the tree (or any arm64 program) under qemu.</summary>
    public static RunResult Run(IReadOnlyList<string> argv, RunOptions? options = null) =>
        Infrastructure.Run.Command([Qemu, .. argv], (options ?? new RunOptions()) with { Timeout = Timeout });
}
