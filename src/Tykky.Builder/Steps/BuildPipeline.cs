using Tykky.Builder.Config;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>The steps of each kind of build, in order (upstream: pre.sh, create_inst.sh, generate_wrappers.sh, post.sh).</summary>
public static class BuildPipeline
{
    /// <summary>The steps for <paramref name="config"/>.</summary>
    public static IReadOnlyList<IBuildStep> StepsFor(BuildConfig config, RuntimeSpec runtime) => config.Mode switch
    {
        // No install tree and no image: the container is read, not run (except to ask apptainer its PATH).
        BuildMode.WrapContainer =>
        [
            new FetchContainerStep(),
            new InspectContainerStep(),
            .. runtime.Kind == RuntimeKind.Bwrap ? Array.Empty<IBuildStep>() : [new RecordContainerDefaultsStep()],
            new RecordInputsStep(), new CreateWrappersStep(), new WriteManifestStep(), new WriteShareStep(), new WriteModuleFilesStep(),
        ],
        BuildMode.WrapInstall =>
        [
            .. ContainerSteps(config, runtime),
            new PrepareInstallTreeStep(),
            .. Scripts("pre_install", config.PreInstall),
            new CopySourceStep(),
            .. Scripts("post_install", config.PostInstall),
            .. PackagingSteps,
        ],
        BuildMode.Venv => [.. ContainerSteps(config, runtime), new PrepareInstallTreeStep(), .. PackageSteps.Venv(config), .. PackagingSteps],
        BuildMode.Conda => [.. ContainerSteps(config, runtime), new PrepareInstallTreeStep(), .. PackageSteps.Conda(config), .. PackagingSteps],
        BuildMode.Spack => [.. ContainerSteps(config, runtime), new PrepareInstallTreeStep(), .. PackageSteps.Spack(config), .. PackagingSteps],
    };

    /// <summary>apptainer/singularity run the installation in a container; bubblewrap's host mode needs none.</summary>
    private static IEnumerable<IBuildStep> ContainerSteps(BuildConfig config, RuntimeSpec runtime) => runtime.Kind switch
    {
        // bubblewrap reads an isolated container's root itself (its kind, SIF offset, top-level entries, defaults)
        RuntimeKind.Bwrap => config.Isolate ? [new FetchContainerStep(), new InspectContainerStep()] : [],
        RuntimeKind.Apptainer or RuntimeKind.Singularity => config.Isolate ? [new FetchContainerStep(), new RecordContainerDefaultsStep()] : [new FetchContainerStep()],
    };

    /// <summary>What every build does once the install tree is complete; the wrappers before the image, so that an installation without programs fails before the expensive part.</summary>
    private static IBuildStep[] PackagingSteps =>
        [new VenvPythonPrefixStep(), new RecordInputsStep(), new FixPermissionsStep(), new CreateWrappersStep(), new MakeSquashfsStep(), new WriteManifestStep(), new WriteShareStep(), new WriteModuleFilesStep()];

    private static IEnumerable<IBuildStep> Scripts(string phase, IReadOnlyList<ScriptPart> parts) =>
        parts.Count == 0 ? [] : [new RunScriptStep(phase, parts)];
}
