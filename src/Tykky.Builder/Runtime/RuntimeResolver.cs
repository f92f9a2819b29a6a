using Tykky.Builder.Config;
using Tykky.Builder.Processes;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Runtime;

/// <summary>
/// Picks and checks the runtime at build time and records it by absolute path, so the launcher never
/// probes or searches at launch (SPEC §6).
/// </summary>
public static class RuntimeResolver
{
    /// <summary>The runtime for <paramref name="choice"/>, or a <see cref="BuildException"/> saying what is missing.</summary>
    public static RuntimeSpec Resolve(RuntimeChoice choice, string? searchPath, ToolRunner runner) => choice switch
    {
        RuntimeChoice.Auto or RuntimeChoice.Bwrap => Bubblewrap(searchPath, runner),
        RuntimeChoice.Apptainer or RuntimeChoice.Singularity =>
            throw new BuildException($"Runtime '{choice.ToString().ToLowerInvariant()}' is not supported by this Tykky yet; set 'runtime: bwrap'"),
    };

    private static RuntimeSpec Bubblewrap(string? searchPath, ToolRunner runner)
    {
        var bwrap = ExecutableSearch.Find("bwrap", searchPath)
            ?? throw new BuildException("bwrap (bubblewrap) not found on PATH; install it (Debian/Ubuntu: apt install bubblewrap) or choose another runtime");
        var squashfuse = ExecutableSearch.Find("squashfuse", searchPath)
            ?? throw new BuildException("squashfuse not found on PATH; the bwrap runtime needs it (Debian/Ubuntu: apt install squashfuse)");
        var version = runner.Capture(new ToolCommand("asking bwrap for its version", [bwrap, "--version"])).Trim();
        return new RuntimeSpec { Kind = RuntimeKind.Bwrap, Executable = bwrap, Version = version, Squashfuse = squashfuse };
    }
}
