using System.Globalization;
using System.Text.Json;
using Tykky.Builder.Container;
using Tykky.Builder.Image;
using Tykky.Builder.Processes;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Inspection;

/// <summary>
/// Reads an installation for <c>tykky info</c>: its manifest (or, for one made by upstream's bash Tykky,
/// its common.sh and wrapper scripts), its share/ records, and what its images hold.
/// </summary>
/// <param name="unsquashfs">Counts the entries of squashfs images; null when squashfs-tools is missing.</param>
public sealed class InstallationInspector(Unsquashfs? unsquashfs)
{
    private const string UpstreamCommonFile = "common.sh";
    private static readonly string[] DebugWrappers = [InstallationLayout.DebugShell, InstallationLayout.DebugExec];

    /// <summary>Which tool made the installation in <paramref name="prefix"/>, or null when it is none.</summary>
    public static InstallationMaker? MakerOf(string prefix) =>
        !Directory.Exists(Path.Join(prefix, InstallationLayout.BinDirectory)) ? null
        : File.Exists(Path.Join(prefix, InstallationLayout.ManifestFileName)) ? InstallationMaker.Tykky
        : File.Exists(Path.Join(prefix, UpstreamCommonFile)) ? InstallationMaker.Upstream
        : null;

    /// <summary>Reads the installation in <paramref name="prefix"/>; a <see cref="BuildException"/> when it is none or unreadable.</summary>
    public InstallationInfo Inspect(string prefix) => MakerOf(prefix) switch
    {
        InstallationMaker.Tykky => Tykky(prefix),
        InstallationMaker.Upstream => Upstream(prefix),
        null => throw new BuildException(Directory.Exists(prefix)
            ? $"'{prefix}' is not a Tykky installation (no bin/ with tykky.json, nor bin/ with common.sh); give the --prefix directory of an installation"
            : $"Installation '{prefix}' does not exist; give the --prefix directory of an installation, or a name on TYKKY_PATH"),
    };

    /// <summary>The manifest of a Tykky installation; an unreadable one is a <see cref="BuildException"/> ending with <paramref name="fix"/>.</summary>
    public static InstallationManifest ReadManifest(string prefix, string fix = "rebuild the installation")
    {
        var path = Path.Join(prefix, InstallationLayout.ManifestFileName);
        try
        {
            return ManifestParser.Manifest(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new BuildException($"Manifest '{path}' cannot be read ({e.Message}); {fix}");
        }
    }

    private InstallationInfo Tykky(string prefix)
    {
        var manifest = ReadManifest(prefix);
        var runtime = manifest.Runtime;
        var problems = new List<string>();
        MustExist(runtime.Executable, $"the runtime {runtime.Executable} is not installed any more; install it again or rebuild the installation", problems);
        if (runtime.Squashfuse is { } squashfuse)
        {
            MustExist(squashfuse, $"squashfuse {squashfuse} is not installed any more; install it again or rebuild the installation", problems);
        }
        // the current generation's files themselves, not the prefix's stable links to them
        var files = Directory.Exists(Path.Join(prefix, InstallationLayout.CurrentLink)) ? Native.PosixDirectories.Canonical(Path.Join(prefix, InstallationLayout.CurrentLink)) : prefix;
        var image = manifest.Image is { } own ? Describe(InPrefix(files, own.Path), own.Kind == ImageKind.Squashfs ? ContainerKind.Squashfs : ContainerKind.Directory, 0, problems) : null;
        var container = manifest.Container is { } spec ? Describe(InPrefix(files, spec.Path), spec.Kind, spec.Offset, problems) : null;
        var unmountable = new[] { image, container }.Select(i => Unmountable(i, runtime)).OfType<string>().ToArray();
        problems.AddRange(unmountable);
        return Shared(prefix) with
        {
            Maker = InstallationMaker.Tykky,
            ToolVersion = manifest.ToolVersion,
            InstallationId = manifest.InstallationId,
            Runtime = new RuntimeInfo(runtime.Kind.ToString().ToLowerInvariant(), runtime.Executable, runtime.Version, runtime.Squashfuse),
            InstallationPath = manifest.InstallationPath,
            Isolate = manifest.Isolate,
            MountPoints = manifest.MountPoints,
            Container = container,
            Image = image,
            CondaActivation = manifest.Conda is { } conda ? new CondaActivationInfo(conda.Mode == CondaActivationMode.Captured ? "captured" : "dynamic", conda.Reason) : null,
            Wrappers = Wrappers(prefix, name => new FileInfo(Path.Join(prefix, InstallationLayout.RealBinDirectory, name)).LinkTarget),
            SharedMountIdleSeconds = manifest.SharedMount?.IdleSeconds,
            Keepers = KeeperList.Read(KeeperList.DirectoryFor(Environment.GetEnvironmentVariable))
                .Where(k => k.Running && k.InstallationId == manifest.InstallationId).Select(k => k.Pid).ToArray(),
            Problems = problems,
            UnmountableImages = unmountable,
        };
    }

    private InstallationInfo Upstream(string prefix)
    {
        var variables = UpstreamCommonSh.Variables(File.ReadAllText(Path.Join(prefix, UpstreamCommonFile)));
        var problems = new List<string>();
        FileSystemImageInfo? Optional(string variable, Func<string, (ContainerKind Kind, long Offset)> probe)
        {
            if (variables.GetValueOrDefault(variable) is not { Length: > 0 } name)
            {
                return null;
            }
            var path = InPrefix(prefix, name);
            var (kind, offset) = File.Exists(path) ? probe(path) : (ContainerKind.Sif, 0);
            return Describe(path, kind, offset, problems);
        }
        return Shared(prefix) with
        {
            Maker = InstallationMaker.Upstream,
            // upstream's wrappers run `singularity` from PATH at each launch
            Runtime = new RuntimeInfo("singularity", null, null, null),
            InstallationPath = variables.GetValueOrDefault("INSTALLATION_PATH"),
            Container = Optional("CONTAINER_IMAGE", ProbeKind),
            Image = Optional("SQFS_IMAGE", _ => (ContainerKind.Squashfs, 0)),
            Wrappers = Wrappers(prefix, name => UpstreamCommonSh.WrapperTarget(ReadText(Path.Join(prefix, InstallationLayout.BinDirectory, name)) ?? "")),
            Problems = problems,
        };
    }

    /// <summary>What both kinds of installation keep in share/.</summary>
    private static InstallationInfo Shared(string prefix)
    {
        var share = Path.Join(prefix, "share");
        var version = ReadText(Path.Join(share, "VERSION.yml")) ?? "";
        var buildTime = version.Split('\n').FirstOrDefault(l => l.StartsWith("build_time:", StringComparison.Ordinal))?["build_time:".Length..].Trim();
        var inputs = Path.Join(share, "previous_input");
        return new InstallationInfo
        {
            Prefix = prefix,
            Maker = InstallationMaker.Tykky,
            Runtime = new RuntimeInfo("", null, null, null),
            BuildTime = buildTime,
            EffectiveConfig = ReadText(Path.Join(share, "conf.yaml")),
            SpackRoots = ReadText(Path.Join(share, "spack.lock")) is { } spackLock ? Packages.SpackLock.Roots(spackLock) : [],
            BuildInputs = Directory.Exists(inputs)
                ? Directory.EnumerateDirectories(inputs)
                    .Select(d => (Number: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0, Directory: d))
                    .Where(b => b.Number > 0).OrderBy(b => b.Number)
                    .Select(b => new BuildInputs(b.Number, Directory.EnumerateFiles(b.Directory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray()))
                    .ToArray()
                : [],
        };
    }

    private static IReadOnlyList<WrapperInfo> Wrappers(string prefix, Func<string, string?> target) =>
        Directory.EnumerateFileSystemEntries(Path.Join(prefix, InstallationLayout.BinDirectory))
            .Select(p => Path.GetFileName(p))
            .Where(name => !DebugWrappers.Contains(name))
            .Order(StringComparer.Ordinal)
            .Select(name => new WrapperInfo(name, target(name)))
            .ToArray();

    private FileSystemImageInfo Describe(string path, ContainerKind kind, long offset, List<string> problems)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return Missing(path, problems);
        }
        var isFile = kind != ContainerKind.Directory;
        var entries = isFile && unsquashfs is not null ? CountEntries(path, offset) : null;
        var compressorId = isFile ? SquashfsSuperblock.CompressorIdOf(path, offset) : null;
        return new FileSystemImageInfo(path, KindName(kind), offset, isFile ? new FileInfo(path).Length : null, entries, new FileInfo(path).LinkTarget is not null,
            compressorId is { } id ? CompressorName(id) : null);
    }

    private static string CompressorName(int id) =>
        Enum.IsDefined((SquashfsCompressor)id) ? SquashfsCompressorNames.Name((SquashfsCompressor)id) : $"unknown compressor {id}";

    /// <summary>The problem when the recorded runtime cannot mount <paramref name="image"/> (issue #8.1: apptainer before 1.4 and zstd), else null.</summary>
    private static string? Unmountable(FileSystemImageInfo? image, RuntimeSpec runtime)
    {
        if (image?.Compression is not { } name)
        {
            return null;
        }
        var support = SquashfsCompressorNames.Parse(name) is { } compressor
            ? ImageReaders.Support(runtime, compressor)
            : CompressorSupport.Never("no runtime knows that compressor");
        return support.Readability == CompressorReadability.CannotRead
            ? $"{image.Path} is {name}-compressed, which its runtime {ImageReaders.Describe(runtime)} cannot mount ({support.Reason}); rebuild the installation (the builder now picks a compressor the runtime mounts)"
            : null;
    }

    private long? CountEntries(string path, long offset)
    {
        try
        {
            return unsquashfs!.Statistics(path, offset).Inodes;
        }
        catch (BuildException)
        {
            return null;
        }
    }

    private static FileSystemImageInfo Missing(string path, List<string> problems)
    {
        problems.Add($"{path} is missing; the installation cannot run until it is restored or rebuilt");
        return new FileSystemImageInfo(path, "missing", 0, null, null, false);
    }

    private static (ContainerKind, long) ProbeKind(string path)
    {
        try
        {
            var probed = ContainerImageProbe.Probe(path);
            return (probed.Kind, probed.Offset);
        }
        catch (BuildException)
        {
            return (ContainerKind.Sif, 0);
        }
    }

    private static string KindName(ContainerKind kind) => kind switch
    {
        ContainerKind.Sif => "sif",
        ContainerKind.Squashfs => "squashfs",
        ContainerKind.Directory => "directory",
    };

    private static void MustExist(string path, string problem, List<string> problems)
    {
        if (!File.Exists(path))
        {
            problems.Add(problem);
        }
    }

    private static string InPrefix(string prefix, string path) => path.StartsWith('/') ? path : Path.Join(prefix, path);

    private static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
