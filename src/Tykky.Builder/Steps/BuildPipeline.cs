using Tykky.Builder.Config;

namespace Tykky.Builder.Steps;

/// <summary>The steps of each kind of build, in order (upstream: pre.sh, create_inst.sh, generate_wrappers.sh, post.sh).</summary>
public static class BuildPipeline
{
    /// <summary>The steps for <paramref name="config"/>.</summary>
    public static IReadOnlyList<IBuildStep> StepsFor(BuildConfig config) => config.Mode switch
    {
        BuildMode.WrapInstall =>
        [
            new PrepareInstallTreeStep(),
            .. Scripts("pre_install", config.PreInstall),
            new CopySourceStep(),
            .. Scripts("post_install", config.PostInstall),
            .. PackagingSteps,
        ],
    };

    /// <summary>What every build does once the install tree is complete.</summary>
    private static IBuildStep[] PackagingSteps =>
        [new RecordInputsStep(), new FixPermissionsStep(), new MakeSquashfsStep(), new CreateWrappersStep(), new WriteManifestStep(), new WriteShareStep()];

    private static IEnumerable<IBuildStep> Scripts(string phase, IReadOnlyList<ScriptPart> parts) =>
        parts.Count == 0 ? [] : [new RunScriptStep(phase, parts)];
}
