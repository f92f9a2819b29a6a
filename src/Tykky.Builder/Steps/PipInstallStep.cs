using System.Globalization;
using Tykky.Builder.Config;
using Tykky.Builder.Locks;
using Tykky.Builder.Packages;

namespace Tykky.Builder.Steps;

/// <summary>
/// Installs a requirements file into the environment, activated (the venv or the conda environment),
/// with pip or uv. pip's own configuration (PIP_INDEX_URL, PIP_FIND_LINKS, PIP_NO_INDEX, pip.conf)
/// reaches it: the container sees the caller's environment and, in host mode, the user's files.
/// A file with <c>--hash</c> entries is installed with <c>--require-hashes</c>; a pylock.toml needs a
/// pip or uv that reads it, checked before anything is installed. pip writes an install report
/// (<c>--report</c>, pip 22.2+) into the build directory: the hashes of what it installed, for the
/// installation's hashed requirements (<see cref="RecordPipPackagesStep"/>).
/// </summary>
/// <param name="description">What the step installs.</param>
/// <param name="requirementsFile">The file to install (absolute), found when the step runs.</param>
public sealed class PipInstallStep(string description, Func<BuildContext, string> requirementsFile) : IBuildStep
{
    /// <summary>The build directory's subdirectory of pip's install reports.</summary>
    public const string ReportDirectory = "pip-reports";

    /// <summary>The first pip with <c>install --report</c>.</summary>
    private static readonly Version PipWithReport = new(22, 2);

    /// <inheritdoc/>
    public string Description => description;

    /// <summary>Installs the build's requirements file (requirements_file).</summary>
    public static PipInstallStep ForRequirementsFile() =>
        new("Installing the requirements file", context => context.Config.Packages.RequirementsFile ?? throw new InvalidOperationException("the step is added only with a requirements file"));

    /// <summary>Installs the pip packages of the build's conda-lock file (env_file) for this host, as a hashed requirements file.</summary>
    public static PipInstallStep ForCondaLock() => new("Installing the pip packages of the conda-lock file", context =>
    {
        var platform = CondaPlatform.OfHost;
        var file = Path.Join(context.BuildDirectory, "conda-lock.pip.txt");
        File.WriteAllText(file, CondaLockFile.Read(context.Config.Packages.EnvFile!, platform).PipRequirements(platform));
        return file;
    });

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var requirements = requirementsFile(context);
        var kind = PipInput.KindOf(requirements, File.ReadAllText(requirements));
        using var staged = StagedInput.For(context, requirements);
        var version = ToolVersionOf(context, kind);
        if (kind == PipInputKind.Pylock)
        {
            CheckReadsPylock(context.Config, requirements, version);
        }
        var report = !context.Config.Packages.UseUv && version >= PipWithReport ? $"pip-report-{Guid.NewGuid():N}.json" : null;
        // pip writes the report inside the container: into the install tree, which both modes see, and out again at once.
        var reportDirectory = Path.Join(context.ImageToolDirectory, "pip-report");
        try
        {
            Directory.CreateDirectory(reportDirectory);
            context.Runner.Run(PackageShell.Command(context, $"installing the requirements of {requirements}", ShellSetup.Activated,
                Argv(context.Config, staged.PathInside, kind, report is null ? null : $"{context.Config.InstallationPath}/.tykky/pip-report/{report}")));
            if (report is not null && File.Exists(Path.Join(reportDirectory, report)))
            {
                File.Move(Path.Join(reportDirectory, report), Path.Join(Directory.CreateDirectory(Path.Join(context.BuildDirectory, ReportDirectory)).FullName, report));
            }
        }
        finally
        {
            Directory.Delete(reportDirectory, recursive: true);
        }
    }

    /// <summary>The command line that installs <paramref name="requirementsInside"/> in the activated environment. Pure.</summary>
    public static IReadOnlyList<string> Argv(BuildConfig config, string requirementsInside, PipInputKind kind = PipInputKind.Requirements, string? reportInside = null)
    {
        var packages = config.Packages;
        string[] hashes = kind == PipInputKind.HashedRequirements ? ["--require-hashes"] : [];
        if (packages.UseUv)
        {
            string uv = UvOf(config);
            return [uv, "pip", "install", "--link-mode=copy", "--compile-bytecode", .. hashes, .. packages.PipCache ? Array.Empty<string>() : ["--no-cache"], "-r", requirementsInside];
        }
        return ["python", "-m", "pip", "install", "--disable-pip-version-check", .. hashes, .. kind == PipInputKind.Pylock ? ["--no-deps"] : Array.Empty<string>(),
            .. packages.PipCache ? Array.Empty<string>() : ["--no-cache-dir"], .. reportInside is null ? Array.Empty<string>() : ["--report", reportInside], "-r", requirementsInside];
    }

    private static string UvOf(BuildConfig config) => config.Mode == BuildMode.Venv ? InstallUvStep.UvExecutable(config) : "uv";

    /// <summary>The version of pip (or, for a pylock.toml, uv) in the environment; uv is not asked otherwise.</summary>
    private static Version? ToolVersionOf(BuildContext context, PipInputKind kind)
    {
        var config = context.Config;
        if (config.Packages.UseUv && kind != PipInputKind.Pylock)
        {
            return null;
        }
        IReadOnlyList<string> argv = config.Packages.UseUv ? [UvOf(config), "--version"] : ["python", "-m", "pip", "--version", "--disable-pip-version-check"];
        var command = PackageShell.Command(context, "asking the environment's pip or uv its version", ShellSetup.Activated, argv) with { Live = false };
        return PipInput.VersionIn(context.Runner.Capture(command).Trim());
    }

    private static void CheckReadsPylock(BuildConfig config, string file, Version? version)
    {
        var (tool, needed) = config.Packages.UseUv ? ("uv", PipInput.UvForPylock) : ("pip", PipInput.PipForPylock);
        if (version is null || version < needed)
        {
            throw new BuildException($"{file}: the environment's {tool} {version?.ToString() ?? "(version unknown)"} cannot install a pylock.toml (PEP 751); that needs {tool} {needed} or later" +
                (config.Packages.UseUv ? "" : $" (or uv {PipInput.UvForPylock}+ with --uv); give a requirements file with hashes instead (uv pip compile --generate-hashes), or use --uv"));
        }
    }
}
