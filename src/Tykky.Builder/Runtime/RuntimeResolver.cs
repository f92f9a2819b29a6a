using System.Text.RegularExpressions;
using Tykky.Builder.Config;
using Tykky.Builder.Processes;
using Tykky.Builder.Reporting;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Runtime;

/// <summary>
/// Picks and checks the runtime at build time and records it by absolute path, so the launcher never
/// probes or searches at launch (SPEC §6). An apptainer/singularity binary must prove it is one: its
/// <c>--version</c> names the flavor (never its file name: apptainer's <c>singularity</c> link says
/// "apptainer version"), and its help lists exec, shell and build.
/// </summary>
public static partial class RuntimeResolver
{
    private static readonly string[] RequiredCommands = ["exec", "shell", "build"];

    /// <summary>The runtime for <paramref name="config"/>, or a <see cref="BuildException"/> saying what is missing.</summary>
    public static RuntimeSpec Resolve(BuildConfig config, string? searchPath, ToolRunner runner, Reporter reporter)
    {
        switch (config.Runtime)
        {
            case RuntimeChoice.Bwrap:
                return Bubblewrap(searchPath, runner);
            case RuntimeChoice.Apptainer or RuntimeChoice.Singularity:
                var wanted = config.SingularityExecutablePath ?? config.Runtime.ToString().ToLowerInvariant();
                var found = ExecutableSearch.Find(wanted, searchPath)
                    ?? throw new BuildException($"{config.Runtime.ToString().ToLowerInvariant()} '{wanted}' not found (singularity_executable_path or PATH without Tykky installations); install it or set singularity_executable_path");
                return Apptainer(found, config.Runtime, runner, reporter);
            case RuntimeChoice.Auto:
                var candidate = new[] { config.SingularityExecutablePath, "apptainer", "singularity" }.OfType<string>()
                    .Select(name => ExecutableSearch.Find(name, searchPath)).FirstOrDefault(path => path is not null);
                if (candidate is not null)
                {
                    return Apptainer(candidate, RuntimeChoice.Auto, runner, reporter);
                }
                reporter.Info("No apptainer or singularity found: using the bubblewrap runtime");
                return Bubblewrap(searchPath, runner);
        }
        throw new System.Diagnostics.UnreachableException($"runtime choice {config.Runtime}");
    }

    /// <summary>Reads the flavor and version from <c>--version</c> output; null when it is neither apptainer nor singularity.</summary>
    public static (RuntimeKind Kind, string Version)? FlavorOf(string versionOutput) =>
        VersionLine().Match(versionOutput) is { Success: true } match
            ? (match.Groups["flavor"].Value == "apptainer" ? RuntimeKind.Apptainer : RuntimeKind.Singularity, match.Groups["version"].Value)
            : null;

    /// <summary>Checks that <paramref name="executable"/> is a real apptainer or singularity; a <see cref="BuildException"/> says why not.</summary>
    public static RuntimeSpec VerifyApptainer(string executable, ToolRunner runner, Reporter reporter) =>
        Apptainer(executable, RuntimeChoice.Auto, runner, reporter);

    private static RuntimeSpec Apptainer(string executable, RuntimeChoice wanted, ToolRunner runner, Reporter reporter)
    {
        var versionOutput = runner.Capture(new ToolCommand($"asking {executable} for its version", [executable, "--version"])).Trim();
        var (kind, version) = FlavorOf(versionOutput)
            ?? throw new BuildException($"'{executable}' is not apptainer or singularity: '--version' printed '{versionOutput.Split('\n')[0]}'; set singularity_executable_path to the real runtime");
        var help = runner.Capture(new ToolCommand($"asking {executable} for its commands", [executable, "help"]));
        if (RequiredCommands.FirstOrDefault(command => !Regex.IsMatch(help, $@"(^|\s){command}\s", RegexOptions.Multiline)) is { } missing)
        {
            throw new BuildException($"'{executable}' ({versionOutput}) does not offer '{missing}'; set singularity_executable_path to the real runtime");
        }
        if (wanted is RuntimeChoice.Apptainer or RuntimeChoice.Singularity && wanted.ToString() != kind.ToString())
        {
            reporter.Warning($"runtime is set to {wanted.ToString().ToLowerInvariant()} but '{executable}' is {versionOutput}: using it as {kind.ToString().ToLowerInvariant()}");
        }
        reporter.Info($"Runtime: {executable} ({versionOutput})");
        return new RuntimeSpec { Kind = kind, Executable = executable, Version = version };
    }

    private static RuntimeSpec Bubblewrap(string? searchPath, ToolRunner runner)
    {
        var bwrap = ExecutableSearch.Find("bwrap", searchPath)
            ?? throw new BuildException("bwrap (bubblewrap) not found on PATH; install it (Debian/Ubuntu: apt install bubblewrap) or choose another runtime");
        var squashfuse = FindSquashfuse(searchPath)
            ?? throw new BuildException("squashfuse not found on PATH; the bwrap runtime needs it (Debian/Ubuntu: apt install squashfuse)");
        var version = runner.Capture(new ToolCommand("asking bwrap for its version", [bwrap, "--version"])).Trim();
        return new RuntimeSpec { Kind = RuntimeKind.Bwrap, Executable = bwrap, Version = version, Squashfuse = squashfuse };
    }

    /// <summary>
    /// The program that mounts images for the bwrap runtime: squashfuse_ll (libfuse's low-level API,
    /// what apptainer's userns mode uses) where the squashfuse package ships it, else squashfuse. Measured
    /// in a keeper (bench/RESULTS.md): half squashfuse's CPU time per warm python import, and its lookups
    /// and attributes are cached for as long as the mount lives without options.
    /// </summary>
    /// <param name="searchPath">The PATH to search; null for the process's.</param>
    public static string? FindSquashfuse(string? searchPath) =>
        ExecutableSearch.Find("squashfuse_ll", searchPath) ?? ExecutableSearch.Find("squashfuse", searchPath);

    [GeneratedRegex(@"^(?<flavor>apptainer|singularity-ce|singularity) version (?<version>\S+)", RegexOptions.Multiline)]
    private static partial Regex VersionLine();
}
