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
        if (!Directory.Exists(config.Workdir))
        {
            throw new BuildException($"Working directory '{config.Workdir}' (workdir) does not exist; set workdir to an existing directory");
        }
        CheckModeInputs(config);
        PackagePreflight.CheckInputs(config, environment);
        CheckInstallationsOnPath(environment("PATH"), isUpdate, reporter);
        var mksquashfs = ExecutableSearch.Find("mksquashfs", environment("PATH"))
            ?? throw new BuildException("mksquashfs not found on PATH; install squashfs-tools (Debian/Ubuntu: apt install squashfs-tools)");
        var runtime = RuntimeResolver.Resolve(config, environment("PATH"), runner, reporter);
        CheckContainerSource(config, runtime);
        return new PreflightResult(runtime, mksquashfs);
    }

    private static void CheckContainerSource(BuildConfig config, RuntimeSpec runtime)
    {
        if (config.Mode == BuildMode.WrapContainer)
        {
            WrapContainerPreflight.Check(config, runtime);
        }
        else if (runtime.Kind != RuntimeKind.Bwrap || config.Isolate)
        {
            ContainerPreflight.CheckUsableContainer(config, runtime);
        }
    }

    private static void CheckPrefix(string prefix)
    {
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

    private static void CheckCreatable(string directory, string what)
    {
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
                if (config.WrapSource is null || !Directory.Exists(config.WrapSource))
                {
                    throw new BuildException($"Directory to wrap '{config.WrapSource}' does not exist; give the path of an existing installation");
                }
                if (config.WrapperPaths.Count == 0)
                {
                    throw new BuildException("No wrapper paths: wrap-install needs -w/--wrapper-paths (e.g. -w bin)");
                }
                break;
            case BuildMode.Venv or BuildMode.Conda:
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
