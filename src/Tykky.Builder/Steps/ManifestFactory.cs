using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>Builds the manifest of an installation (or of the build sandbox) from the build's decisions. Pure.</summary>
public static class ManifestFactory
{
    /// <summary>
    /// The manifest for <paramref name="image"/> (null when the installation has none) in
    /// <paramref name="container"/>, with <paramref name="environment"/> applied at every launch and
    /// the links of its <c>_bin</c> as <paramref name="programs"/>.
    /// </summary>
    public static InstallationManifest Create(BuildContext context, ImageSpec? image, ContainerSpec? container, IReadOnlyList<EnvironmentChange> environment, IReadOnlyDictionary<string, string> programs) => new()
    {
        SchemaVersion = InstallationManifest.CurrentSchemaVersion,
        ToolVersion = ToolVersion.Current,
        InstallationId = context.InstallationId,
        InstallationPath = context.Config.InstallationPath,
        Runtime = context.Runtime,
        Image = image,
        Container = container,
        Gpu = context.Config.Gpu,
        Isolate = context.Config.Isolate,
        MountPoints = context.Config.MountPoints,
        ExcludedMountPoints = context.Config.ExcludedMountPoints,
        Environment = environment,
        Conda = context.Conda,
        SharedMount = SharesMount(context.Config, context.Runtime, image) ? new SharedMountSpec { IdleSeconds = context.Config.SharedMountIdleSeconds } : null,
        Programs = programs,
    };

    /// <summary>
    /// The keeper holds a host-mode bubblewrap image; isolated sandboxes (two nested bubblewraps) and
    /// the build's own sandbox (a directory image) keep mounting per launch.
    /// </summary>
    private static bool SharesMount(Config.BuildConfig config, RuntimeSpec runtime, ImageSpec? image) =>
        config.SharedMount && runtime.Kind == RuntimeKind.Bwrap && !config.Isolate && image is { Kind: ImageKind.Squashfs };
}
