using Tykky.Builder.Container;
using Tykky.Builder.Processes;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>
/// wrap-container: reads the container's root filesystem without running it. It records what the
/// container is (SIF, squashfs, directory) and where its squashfs starts, its top-level entries (the
/// bubblewrap launcher rebuilds the root from them), and, for bubblewrap, its default PATH and
/// LD_LIBRARY_PATH; the listing then serves the wrapper scan, in the container's own view.
/// </summary>
public sealed class InspectContainerStep : IBuildStep
{
    /// <summary>Where apptainer keeps the scripts that make a container's environment.</summary>
    private const string EnvironmentScripts = "/.singularity.d/env";

    /// <inheritdoc/>
    public string Description => "Reading the container's root filesystem";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var container = context.Container ?? throw new InvalidOperationException("the container is fetched first");
        var location = context.ContainerOnHost!;
        var image = ContainerImageProbe.Probe(location);
        var files = ContainerRoot.Files(location, image, () => new Unsquashfs(context.Runner, Unsquashfs.Find(context.Environment("PATH"))));
        context.ContainerFiles = files;
        context.Container = container with { Kind = image.Kind, Offset = image.Offset, RootEntries = RootEntries(files) };
        if (context.Runtime.Kind == RuntimeKind.Bwrap)
        {
            var (path, libraries) = DefaultEnvironment(files);
            context.Container = context.Container with { DefaultPath = path, DefaultLdLibraryPath = libraries };
        }
        context.Reporter.Debug($"Container {location}: {image.Kind} at offset {image.Offset}; default PATH {context.Container.DefaultPath}");
    }

    /// <summary>The top-level entries of the root, in name order, links with their targets.</summary>
    public static IReadOnlyList<RootEntry> RootEntries(IContainerFiles files) =>
        files.Names("/").Order(StringComparer.Ordinal)
            .Select(name => new RootEntry(name, files.Get("/" + name) is { Kind: ContainerFileKind.Link, LinkTarget: var target } ? target : null))
            .ToArray();

    /// <summary>PATH and LD_LIBRARY_PATH from /etc/environment and the apptainer env scripts, read from the image.</summary>
    private static (string Path, string? LdLibraryPath) DefaultEnvironment(IContainerFiles files)
    {
        string? Read(string path) => ContainerPaths.Resolve(files, path) is ({ } physical, { Kind: ContainerFileKind.File }) ? files.ReadText(physical) : null;
        var (scripts, scriptsEntry) = ContainerPaths.Resolve(files, EnvironmentScripts);
        var texts = scriptsEntry?.Kind == ContainerFileKind.Directory
            ? files.Names(scripts).Where(n => n.EndsWith(".sh", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(n => Read($"{scripts}/{n}")).OfType<string>().ToArray()
            : [];
        return ContainerEnvironmentDefaults.From(Read("/etc/environment"), texts);
    }
}
