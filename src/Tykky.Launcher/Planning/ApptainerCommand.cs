using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;

namespace Tykky.Launcher.Planning;

/// <summary>
/// Renders a launch as an Apptainer (1.0 and later) or SingularityCE (3.8 and later) command:
/// <code>
/// RUNTIME --silent exec [--nv|--rocm] CONTAINER PREFIX/tykky-launcher --tykky-inner --exec-path PROGRAM ARGV0 ARGS...
/// </code>
/// Binds travel in APPTAINER_BIND or SINGULARITY_BIND (the image as <c>img.sqfs:PATH:image-src=/</c>),
/// the environment in APPTAINERENV_/SINGULARITYENV_ variables, which both flavors honour
/// (shared/reference/apptainer-observed.md). The flavor is the one recorded at build time from
/// <c>--version</c>, never the binary's name. The launcher's inner step sets argv[0], so the image
/// needs no shell and nothing is re-quoted; arguments that are not valid UTF-8, which apptainer would
/// replace with U+FFFD, travel escaped (<see cref="ArgumentEscaping"/>).
/// </summary>
internal static class ApptainerCommand
{
    /// <summary>Each flavor's variable family.</summary>
    private static RuntimeFamily FamilyOf(RuntimeKind kind) => kind switch
    {
        RuntimeKind.Apptainer => new RuntimeFamily("APPTAINER_BIND", "APPTAINERENV_"),
        RuntimeKind.Singularity => new RuntimeFamily("SINGULARITY_BIND", "SINGULARITYENV_"),
        RuntimeKind.Bwrap => throw new InvalidOperationException("bubblewrap is rendered by BwrapCommand"),
    };

    /// <summary>GPU options of apptainer/singularity exec.</summary>
    private static string[] GpuOptions(GpuMode gpu, HostFacts host) => gpu switch
    {
        GpuMode.None => [],
        GpuMode.Nvidia => ["--nv"],
        GpuMode.Amd => ["--rocm"],
        GpuMode.Auto => GpuOptions(host.GpuDevices == GpuMode.Auto ? GpuMode.None : host.GpuDevices, host),
    };

    /// <summary>The exec plan running <paramref name="program"/> in the installation's container.</summary>
    /// <param name="context">The launch.</param>
    /// <param name="mounts">The planned mounts.</param>
    /// <param name="environment">The runtime's own environment: the caller's, cleaned, with the changes.</param>
    /// <param name="inside">The environment the program must see (<see cref="EnvironmentPlanner.Inside"/>).</param>
    /// <param name="passed">The variables passed in through APPTAINERENV_/SINGULARITYENV_.</param>
    /// <param name="program">What runs inside.</param>
    public static ExecPlan Plan(LaunchContext context, MountPlan mounts, EnvironmentVariables environment, EnvironmentVariables inside, IReadOnlyList<string> passed, ProgramLaunch program)
    {
        var manifest = context.Manifest;
        var runtime = manifest.Runtime;
        var container = manifest.Container ?? throw new LaunchException("the manifest names no container image", InstallationLayout.ManifestFileName,
            $"{runtime.Kind.ToString().ToLowerInvariant()} needs one; rebuild the installation", ExitCode.Config);
        var family = FamilyOf(runtime.Kind);
        var warnings = new List<string>(mounts.Warnings);
        var binds = MountOrder.ForRuntime(mounts.Mounts).Select(m => Render(m, warnings)).OfType<string>();
        environment = environment.With(family.BindVariable, string.Join(',', binds));
        foreach (var name in passed)
        {
            if (inside.Get(name) is { } value)
            {
                environment = environment.With(family.EnvironmentPrefix + name, value);
            }
        }
        var launcher = PathText.Join(context.Call.Prefix, InstallationLayout.LauncherFileName);
        string[] arguments =
        [
            "--silent", "exec", .. GpuOptions(manifest.Gpu, context.Host), BindPlanner.InPrefix(context.Call.Prefix, container.Path),
            launcher, .. ArgumentEscaping.Protect(new InnerStepRequest(null, [], DropCapabilities: false, program).Encode()),
        ];
        return new ExecPlan(new ProgramLaunch(new ProgramPath(runtime.Executable), runtime.Executable, arguments), environment.ToEntries(), warnings);
    }

    /// <summary>One bind-list entry; paths holding the list's separators cannot be expressed and are skipped with a warning.</summary>
    private static string? Render(Mount mount, List<string> warnings)
    {
        var (source, destination, options) = mount switch
        {
            BindMount bind => (bind.Source, bind.Destination, bind.ReadOnly ? "ro" : null),
            LinkMount link => (PathText.ResolveAgainst("/", link.LinkTarget), link.Destination, null),
            ImageMount image => (image.Image, image.Destination, "image-src=/"),
            _ => throw new System.Diagnostics.UnreachableException($"mount kind {mount.GetType().Name}"),
        };
        if ($"{source}{destination}".IndexOfAny([',', ':']) >= 0)
        {
            warnings.Add($"tykky: warning: '{source}' cannot be bound: apptainer bind lists cannot hold ',' or ':' in a path");
            return null;
        }
        return options is not null ? $"{source}:{destination}:{options}" : source == destination ? source : $"{source}:{destination}";
    }

    private sealed record RuntimeFamily(string BindVariable, string EnvironmentPrefix);
}
