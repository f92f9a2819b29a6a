using System.Globalization;
using Tykky.Builder.Config;
using Tykky.Builder.Modules;

namespace Tykky.Builder.Steps;

/// <summary>
/// Writes the installation's module, Lmod's and Environment Modules', into the staged
/// <c>share/modulefiles/&lt;name&gt;/&lt;version&gt;</c> (see <see cref="ModuleTree"/>): staged with the rest of
/// share/, it deploys with the installation, and every update writes it again. Runs after the package
/// lists are recorded, which its help names.
/// </summary>
public sealed class WriteModuleFilesStep : IBuildStep
{
    /// <inheritdoc/>
    public string Description => "Writing the module files";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var config = context.Config;
        var module = Describe(context, config.ModuleVersion ?? RecordInputsStep.LatestBuildNumber(context).ToString(CultureInfo.InvariantCulture));
        var directory = Directory.CreateDirectory(Path.Join(context.StagedShareDirectory(), "modulefiles", module.Name)).FullName;
        var names = ModuleTree.FileNames(module.Version);
        File.WriteAllText(Path.Join(directory, names[0]), LuaModuleFile.Render(module));
        File.WriteAllText(Path.Join(directory, names[1]), TclModuleFile.Render(module));
    }

    /// <summary>What the module says about the installation being built.</summary>
    private static ModuleDescription Describe(BuildContext context, string version)
    {
        var config = context.Config;
        var share = context.StagedShareDirectory();
        var (recorded, listName) = RecordedList(share);
        return new ModuleDescription
        {
            Name = config.ModuleName,
            Version = version,
            Prefix = config.InstallationPrefix,
            Kind = KindOf(config.Mode),
            Runtime = $"{context.Runtime.Kind.ToString().ToLowerInvariant()} {context.Runtime.Version}".TrimEnd() + (config.Isolate ? ", isolated" : ", host mode"),
            Inputs = context.InputFiles,
            Packages = RecordedPackages.MainPackages(recorded, context.InputFiles.Where(IsSmallFile).Select(File.ReadAllText)),
            PackageList = listName is null ? null : $"{recorded.Count} in all, {config.InstallationPrefix}/share/{listName}",
            Composable = config.Composable,
        };
    }

    /// <summary>Package files are small; a container image given as input is not read for package names.</summary>
    private static bool IsSmallFile(string path) => new FileInfo(path) is { Exists: true, Length: < 1 << 20 };

    private static (IReadOnlyList<PackageVersion> Packages, string? FileName) RecordedList(string share)
    {
        var conda = Path.Join(share, RecordCondaPackagesStep.ExplicitFileName);
        var pip = Path.Join(share, RecordPipPackagesStep.FileName);
        return File.Exists(conda) ? (RecordedPackages.FromCondaExplicit(File.ReadAllText(conda)), RecordCondaPackagesStep.ExplicitFileName)
            : File.Exists(pip) ? (RecordedPackages.FromPipFreeze(File.ReadAllText(pip)), RecordPipPackagesStep.FileName)
            : ([], null);
    }

    private static string KindOf(BuildMode mode) => mode switch
    {
        BuildMode.WrapContainer => "wrap-container (programs of a container)",
        BuildMode.WrapInstall => "wrap-install (an installation copied into an image)",
        BuildMode.Venv => "pip-containerize (a Python venv)",
        BuildMode.Conda => "conda-containerize (a conda environment)",
        BuildMode.Spack => "spack-containerize (a Spack environment)",
    };
}
