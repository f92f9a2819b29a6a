using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>
/// Copies the static launcher into the staged installation and creates <c>bin/NAME</c>, a hard link
/// of it, and <c>_bin/NAME → path inside</c> for every program, plus <c>_debug_shell</c> and
/// <c>_debug_exec</c>. A hard link costs the kernel's exec of a wrapper on a parallel filesystem two
/// metadata round trips fewer than a symlink (no link to read, no second file to look up); where the
/// filesystem makes none (BeeGFS across directories), <c>bin/NAME</c> is the symlink
/// <c>../tykky-launcher</c>, which the launcher reads as well. The debug wrappers are in <c>_bin</c>
/// too, as links to <c>../tykky-launcher</c>, so they still reach the launcher inside the container,
/// where <c>_bin</c> is bound over <c>bin</c>. The links of <c>_bin</c> are also the manifest's
/// <see cref="InstallationManifest.Programs"/>.
/// </summary>
public sealed class CreateWrappersStep : IBuildStep
{
    private static readonly string[] DebugWrappers = [InstallationLayout.DebugShell, InstallationLayout.DebugExec];

    /// <inheritdoc/>
    public string Description => "Creating wrappers";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var bin = Directory.CreateDirectory(Path.Join(context.StagingDirectory, InstallationLayout.BinDirectory)).FullName;
        var realBin = Directory.CreateDirectory(Path.Join(context.StagingDirectory, InstallationLayout.RealBinDirectory)).FullName;
        const string launcher = "../" + InstallationLayout.LauncherFileName;
        var launcherFile = Path.Join(context.StagingDirectory, InstallationLayout.LauncherFileName);
        Native.UmaskedCopy.Copy(context.Tool.Launcher, launcherFile);
        var hardLinks = true;
        var programs = new Dictionary<string, string>(StringComparer.Ordinal);
        context.Programs = programs;
        void Wrap(string name, string program)
        {
            var wrapper = Path.Join(bin, name);
            if (!hardLinks || !Native.PosixCalls.TryHardLink(launcherFile, wrapper))
            {
                if (hardLinks)
                {
                    hardLinks = false;
                    context.Reporter.Debug($"The filesystem of {bin} makes no hard links; its wrappers are symlinks to {launcher}");
                }
                File.CreateSymbolicLink(wrapper, launcher);
            }
            File.CreateSymbolicLink(Path.Join(realBin, name), program);
            programs[name] = program;
        }
        foreach (var name in DebugWrappers)
        {
            Wrap(name, launcher);
        }
        if (!context.Config.CreateWrappers)
        {
            context.Reporter.Info("create_wrappers is off: only _debug_shell and _debug_exec are created");
            return;
        }
        var place = context.ContainerFiles is null ? "the installation" : "the container";
        var (targets, warnings) = WrapperScanner.Scan(context.Config.WrapperPaths, context.FilesInside, context.Config.WrapAll, place);
        foreach (var warning in warnings)
        {
            context.Reporter.Warning(warning);
        }
        foreach (var target in targets.Where(t => DebugWrappers.Contains(t.Name)))
        {
            context.Reporter.Warning($"Program {target.PathInside} is not wrapped: its name is reserved for Tykky's debug wrapper");
        }
        var wrapped = targets.Where(t => !DebugWrappers.Contains(t.Name)).ToArray();
        if (wrapped.Length == 0)
        {
            // An installation without wrappers cannot be used; create_wrappers: no is how to ask for one.
            throw new BuildException($"No programs to wrap in {string.Join(", ", context.Config.WrapperPaths)} ({place}); give -w/--wrapper-paths that hold programs{(context.Config.WrapAll ? "" : " (executable files; wrap_all: yes wraps every file)")}, or set create_wrappers: no");
        }
        foreach (var target in wrapped)
        {
            Wrap(target.Name, target.PathInside);
            context.Reporter.Debug($"Wrapper {target.Name} -> {target.PathInside}");
        }
        context.Reporter.Info($"Created {wrapped.Length} wrappers");
    }
}
