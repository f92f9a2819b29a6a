using Tykky.Builder.Config;
using Tykky.Builder.Locks;
using Tykky.Builder.Packages;

namespace Tykky.Builder.Steps;

/// <summary>
/// The install steps of pip-containerize, conda-containerize and spack-containerize builds, between preparing the install
/// tree and packaging it (upstream templates/venv.sh, venv_modify.sh, uvenv.sh, conda.sh, conda_modify.sh).
/// An update starts from the current image; its venv, Miniforge and environment are kept.
/// </summary>
public static class PackageSteps
{
    /// <summary>pip-containerize: [update copy], pre-install, [uv], venv, [requirements], post-install (venv activated), package list.</summary>
    public static IEnumerable<IBuildStep> Venv(BuildConfig config) =>
    [
        .. UpdateSteps(config),
        .. Scripts("pre_install", config.PreInstall, ShellSetup.CondaFunctions),
        .. config.Packages.UseUv ? [new InstallUvStep()] : Array.Empty<IBuildStep>(),
        new CreateVenvStep(),
        .. RequirementSteps(config),
        .. Scripts("post_install", config.PostInstall, ShellSetup.Activated),
        new RecordPipPackagesStep(),
    ];

    /// <summary>conda-containerize: [update copy], Miniforge, pre-install (conda available), environment, [requirements], post-install (activated), package lists, activation, [package cache cleaned].</summary>
    public static IEnumerable<IBuildStep> Conda(BuildConfig config) =>
    [
        .. UpdateSteps(config),
        new InstallMiniforgeStep(),
        .. Scripts("pre_install", config.PreInstall, ShellSetup.CondaFunctions),
        new CreateCondaEnvStep(),
        .. CondaLockPipSteps(config),
        .. RequirementSteps(config),
        .. Scripts("post_install", config.PostInstall, ShellSetup.Activated),
        new RecordCondaPackagesStep(),
        new CaptureCondaActivationStep(),
        .. config.Packages.CleanPackageCache ? [new CleanCondaPackageCacheStep()] : Array.Empty<IBuildStep>(),
    ];

    /// <summary>
    /// spack-containerize: [update copy], pre-install, the environment file, [compilers and build tools:
    /// new only], concretize and install, [spacktainer files], post-install (environment active), records.
    /// </summary>
    public static IEnumerable<IBuildStep> Spack(BuildConfig config) =>
    [
        .. UpdateSteps(config),
        .. Scripts("pre_install", config.PreInstall, ShellSetup.None),
        new WriteSpackEnvironmentStep(),
        .. config.UpdateInstallation ? Array.Empty<IBuildStep>() : [new FindSpackBuildToolsStep()],
        new SpackInstallStep(),
        .. config.Packages.EnvFile is null ? Array.Empty<IBuildStep>() : [new CopySpacktainerFilesStep()],
        .. Scripts("post_install", config.PostInstall, ShellSetup.Activated),
        new RecordSpackStep(),
    ];

    private static IEnumerable<IBuildStep> UpdateSteps(BuildConfig config) =>
        config.UpdateInstallation ? [new CopyOldImageStep()] : [];

    private static IEnumerable<IBuildStep> RequirementSteps(BuildConfig config) =>
        config.Packages.RequirementsFile is null ? [] : [PipInstallStep.ForRequirementsFile()];

    /// <summary>A conda-lock file's pip packages (of a new environment: an update keeps it as it is).</summary>
    private static IEnumerable<IBuildStep> CondaLockPipSteps(BuildConfig config) =>
        config.Packages.EnvFile is { } envFile && !config.UpdateInstallation && CondaLockFile.Is(envFile)
            && CondaLockFile.Read(envFile, CondaPlatform.OfHost).PipRequirements(CondaPlatform.OfHost) is not null
            ? [PipInstallStep.ForCondaLock()] : [];

    private static IEnumerable<IBuildStep> Scripts(string phase, IReadOnlyList<ScriptPart> parts, ShellSetup setup) =>
        parts.Count == 0 ? [] : [new PackageScriptStep(phase, parts, setup)];
}
