using Tykky.Builder.Config;
using Tykky.Builder.Container;
using Tykky.Builder.Native;
using Tykky.Builder.Processes;
using Tykky.Builder.Reporting;
using Tykky.Builder.Runtime;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>What the preflight found: the tools the build will use, by absolute path.</summary>
/// <param name="Runtime">The runtime recorded in the manifest.</param>
/// <param name="Mksquashfs">mksquashfs.</param>
public sealed record PreflightResult(RuntimeSpec Runtime, string Mksquashfs);

/// <summary>
/// Every check that can fail before anything is written (SPEC §4 step 1): bad input is rejected with
/// one message naming the path or setting and the fix, and nothing is left behind.
/// </summary>
public static class Preflight
{
    /// <summary>Characters that break apptainer's comma/colon-separated bind lists.</summary>
    private static readonly char[] BindListSeparators = [',', ':', '\n'];

    /// <summary>Runs the checks for a new installation (<paramref name="isUpdate"/> false) or an update.</summary>
    public static PreflightResult Check(BuildConfig config, bool isUpdate, Func<string, string?> environment, ToolRunner runner, Reporter reporter)
    {
        CheckPrefix(config.InstallationPrefix);
        CheckCreatable(config.BuildTmpdirBase, "Build directory base (CW_BUILD_TMPDIR or build_tmpdir_base)");
        if (UserPaths.DirectoryProblem(config.Workdir) is { } problem)
        {
            throw new BuildException($"Working directory '{config.Workdir}' (workdir) {problem}; set workdir to an existing directory");
        }
        CheckModeInputs(config);
        PackagePreflight.CheckInputs(config, environment, runner);
        CheckInstallationsOnPath(environment("PATH"), isUpdate, reporter);
        var mksquashfs = ExecutableSearch.Find("mksquashfs", environment("PATH"))
            ?? throw new BuildException("mksquashfs not found on PATH; install squashfs-tools (Debian/Ubuntu: apt install squashfs-tools)");
        var runtime = RuntimeResolver.Resolve(config, environment("PATH"), runner, reporter);
        LaunchVisibility.Check(config, runtime);
        CheckContainerSource(config, runtime, () => new Unsquashfs(runner, Unsquashfs.Find(environment("PATH"))));
        if (config.Mode == BuildMode.WrapInstall)
        {
            // last: measuring the source reads all of it
            WrapSourcePreflight.Check(config, runner, reporter);
        }
        return new PreflightResult(runtime, mksquashfs);
    }

    private static void CheckContainerSource(BuildConfig config, RuntimeSpec runtime, Func<Unsquashfs> unsquashfs)
    {
        if (config.Mode == BuildMode.WrapContainer)
        {
            WrapContainerPreflight.Check(config, runtime, unsquashfs);
        }
        else if (runtime.Kind != RuntimeKind.Bwrap || config.Isolate)
        {
            ContainerPreflight.CheckUsableContainer(config, runtime, unsquashfs);
        }
    }

    private static void CheckPrefix(string prefix)
    {
        UserPaths.CheckLength(prefix, "Installation prefix");
        if (prefix.IndexOfAny(BindListSeparators) >= 0)
        {
            throw new BuildException($"Installation prefix '{prefix}' contains ',' ':' or a newline, which container bind lists cannot hold; choose another directory");
        }
        if (File.Exists(prefix))
        {
            throw new BuildException($"Installation prefix '{prefix}' is a file; give a directory");
        }
        // whether a new installation may go into it is checked with the prefix locked (BuildSession.Open)
        CheckCreatable(prefix, "Installation prefix");
    }

    /// <summary>What to do about an installation already in the prefix: only pip-containerize, conda-containerize and spack-containerize have an update command.</summary>
    public static string UpdateHint(BuildMode mode) => mode switch
    {
        BuildMode.Venv => $" (to change it: pip-containerize update PREFIX)",
        BuildMode.Conda => $" (to change it: conda-containerize update PREFIX)",
        BuildMode.Spack => $" (to change it: spack-containerize update PREFIX)",
        BuildMode.WrapInstall => " (wrap-install cannot update one: remove it first)",
        BuildMode.WrapContainer => " (wrap-container cannot update one: remove it first)",
    };

    private static void CheckCreatable(string directory, string what)
    {
        UserPaths.CheckLength(directory, what);
        var existing = directory;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                throw new BuildException($"{what} '{directory}' cannot be created: '{existing}' is a file");
            }
            existing = Path.GetDirectoryName(existing) ?? "/";
        }
        if (!PosixDirectories.IsWritable(existing))
        {
            throw new BuildException($"{what} '{directory}' is not writable ('{existing}' does not allow you to create files); choose a directory you own");
        }
    }

    private static void CheckModeInputs(BuildConfig config)
    {
        switch (config.Mode)
        {
            case BuildMode.WrapInstall:
                if ((config.WrapSource is null ? "is not set (wrap_src)" : UserPaths.DirectoryProblem(config.WrapSource)) is { } problem)
                {
                    throw new BuildException($"Directory to wrap '{config.WrapSource}' {problem}; give the path of an existing installation");
                }
                if (config.WrapperPaths.Count == 0)
                {
                    throw new BuildException("No wrapper paths: wrap-install needs -w/--wrapper-paths (e.g. -w bin)");
                }
                break;
            case BuildMode.Venv or BuildMode.Conda or BuildMode.Spack:
                break; // PackagePreflight.CheckInputs
        }
    }

    private static void CheckInstallationsOnPath(string? searchPath, bool isUpdate, Reporter reporter)
    {
        var active = ExecutableSearch.InstallationBins(searchPath).ToArray();
        if (active.Length == 0)
        {
            return;
        }
        var message = $"Tykky installation(s) on PATH: {string.Join(", ", active)}";
        if (!isUpdate)
        {
            throw new BuildException($"{message}; remove them from PATH (or 'tykky deactivate') before creating a new installation");
        }
        reporter.Warning($"{message}; it is recommended to remove them from PATH while updating");
    }
}
