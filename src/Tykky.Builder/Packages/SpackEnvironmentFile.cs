using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tykky.Builder.Packages;

/// <summary>
/// A Spack environment file (<c>spack.yaml</c>) as spack-containerize reads it: Spack's own <c>spack:</c>
/// section, and BlueBrain Spacktainers' <c>spacktainer: files: [src:dst]</c>, which is taken off before
/// Spack sees the file (Spack rejects unknown top-level keys). <see cref="Generate"/> writes the
/// environment the build runs: the user's section with the installation's literal paths. Pure.
/// </summary>
public sealed class SpackEnvironmentFile
{
    /// <summary>Directories of the image a spacktainer file must not land in: Spack's and Tykky's own.</summary>
    private static readonly string[] ReservedDirectories = ["env", "opt", "view", "._view", ".tykky"];

    private readonly YamlMappingNode _spack;

    private SpackEnvironmentFile(string path, YamlMappingNode spack, IReadOnlyList<string> specs, IReadOnlyList<SpacktainerFile> files)
    {
        Path = path;
        _spack = spack;
        Specs = specs;
        Files = files;
    }

    /// <summary>Where the file is, for messages.</summary>
    public string Path { get; }

    /// <summary>The specs listed under <c>spack: specs:</c> as plain strings (matrices and definitions are left to Spack).</summary>
    public IReadOnlyList<string> Specs { get; }

    /// <summary>The spacktainer files.</summary>
    public IReadOnlyList<SpacktainerFile> Files { get; }

    /// <summary>The keys of <c>spack:</c>, in order.</summary>
    public IEnumerable<string> SpackKeys => _spack.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    /// <summary>Reads and checks the file at <paramref name="path"/> for an installation mounted at <paramref name="installationPath"/>.</summary>
    public static SpackEnvironmentFile Read(string path, string installationPath)
    {
        try
        {
            return Parse(File.ReadAllText(path), path, installationPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException($"Cannot read the Spack environment file '{path}': {e.Message.TrimEnd('.')}");
        }
    }

    /// <summary>Parses and checks <paramref name="text"/>; <paramref name="path"/> names it and anchors relative spacktainer sources.</summary>
    public static SpackEnvironmentFile Parse(string text, string path, string installationPath)
    {
        var root = Load(text, path);
        foreach (var key in root.Children.Keys.Select(k => (k as YamlScalarNode)?.Value))
        {
            if (key is not ("spack" or "spacktainer"))
            {
                throw new BuildException($"Spack environment file '{path}' has the top-level key '{key}'; it may hold only spack: (and Spacktainers' spacktainer:), Spack rejects other keys");
            }
        }
        if (Child(root, "spack") is not YamlMappingNode spack)
        {
            throw new BuildException($"Spack environment file '{path}' has no spack: section; write the packages as 'spack:' then '  specs: [name, ...]'");
        }
        var specs = Child(spack, "specs") switch
        {
            null => [],
            YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0).ToArray(),
            _ => throw new BuildException($"Spack environment file '{path}': spack: specs: must be a list of specs"),
        };
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        return new SpackEnvironmentFile(path, spack, specs, SpacktainerFiles(Child(root, "spacktainer"), path, directory, installationPath));
    }

    /// <summary>
    /// The environment file the build runs: the user's <c>spack:</c> section, with <paramref name="specs"/>
    /// added, the install tree and view at their literal paths inside the image, one unified
    /// concretization, no bootstrapping (an offline build must not fetch clingo or patchelf), the build's
    /// stage and caches, and the mirrors.
    /// </summary>
    public string Generate(SpackEnvironmentPaths paths, IEnumerable<string> specs)
    {
        var allSpecs = Child(_spack, "specs") is YamlSequenceNode given ? new YamlSequenceNode(given.Children) { Style = given.Style } : new YamlSequenceNode();
        foreach (var spec in specs.Where(s => !Specs.Contains(s)))
        {
            allSpecs.Add(new YamlScalarNode(spec));
        }
        // specs first when the file has none, else where the user put them
        var spack = new YamlMappingNode();
        if (!_spack.Children.Keys.Any(k => IsKey(k, "specs")))
        {
            spack.Add("specs", allSpecs);
        }
        foreach (var (key, value) in _spack.Children)
        {
            spack.Children[key] = IsKey(key, "specs") ? allSpecs : value;
        }
        spack.Children[new YamlScalarNode("view")] = new YamlScalarNode(paths.View);
        Merge(spack, "concretizer", ("unify", new YamlScalarNode("true")));
        Merge(spack, "bootstrap", ("enable", new YamlScalarNode("false")));
        var config = Merge(spack, "config",
            ("build_stage", new YamlSequenceNode(new YamlScalarNode(paths.BuildStage))),
            ("misc_cache", new YamlScalarNode(paths.MiscCache)),
            ("source_cache", new YamlScalarNode(paths.SourceCache)));
        Merge(config, "install_tree", ("root", new YamlScalarNode(paths.InstallTree)));
        var mirrors = paths.Mirrors.Select((url, i) => ($"tykky-mirror-{i + 1}", (YamlNode)new YamlScalarNode(url))).ToArray();
        if (mirrors.Length > 0)
        {
            Merge(spack, "mirrors", mirrors);
        }
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(new YamlMappingNode(new YamlScalarNode("spack"), spack))).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static YamlMappingNode Load(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new BuildException($"Spack environment file '{path}' is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}");
        }
        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw new BuildException($"Spack environment file '{path}' is not a mapping; write the packages as 'spack:' then '  specs: [name, ...]'");
    }

    private static IReadOnlyList<SpacktainerFile> SpacktainerFiles(YamlNode? section, string path, string directory, string installationPath)
    {
        var entries = section switch
        {
            null => [],
            YamlMappingNode map when map.Children.Keys.All(k => k is YamlScalarNode { Value: "files" }) => Child(map, "files") switch
            {
                null => [],
                YamlSequenceNode files when files.Children.All(f => f is YamlScalarNode) => files.Children.Select(f => ((YamlScalarNode)f).Value ?? ""),
                _ => throw new BuildException($"Spack environment file '{path}': spacktainer: files: must be a list of src:dst entries"),
            },
            _ => throw new BuildException($"Spack environment file '{path}': spacktainer: may hold only files: (a list of src:dst entries)"),
        };
        return entries.Select(entry => SpacktainerFileOf(entry, path, directory, installationPath)).ToArray();
    }

    private static SpacktainerFile SpacktainerFileOf(string entry, string path, string directory, string installationPath)
    {
        var parts = entry.Split(':');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || p != p.Trim()))
        {
            throw new BuildException($"Spack environment file '{path}': spacktainer file '{entry}' is not src:dst (one ':', no space around it)");
        }
        var destination = parts[1].StartsWith('/') ? parts[1].TrimEnd('/') : $"{installationPath}/{parts[1].TrimEnd('/')}";
        var relative = destination.StartsWith(installationPath + "/", StringComparison.Ordinal) ? destination[(installationPath.Length + 1)..] : null;
        if (relative is null || relative.Split('/').Contains(".."))
        {
            throw new BuildException($"Spack environment file '{path}': spacktainer file '{entry}' goes to {destination}, outside the installation path {installationPath}; " +
                $"in host mode the container shows the host's own directories everywhere else, so give a dst under {installationPath} (or a relative one)");
        }
        if (ReservedDirectories.Contains(relative.Split('/')[0]))
        {
            throw new BuildException($"Spack environment file '{path}': spacktainer file '{entry}' goes into {installationPath}/{relative.Split('/')[0]}, which Spack or Tykky own; choose another dst");
        }
        return new SpacktainerFile(System.IO.Path.GetFullPath(parts[0], directory), destination);
    }

    private static bool IsKey(YamlNode node, string key) => node is YamlScalarNode scalar && scalar.Value == key;

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>Sets <paramref name="entries"/> in the mapping <paramref name="key"/> of <paramref name="map"/> (created, or a copy of the user's); returns it.</summary>
    private static YamlMappingNode Merge(YamlMappingNode map, string key, params (string Key, YamlNode Value)[] entries)
    {
        var merged = Child(map, key) is YamlMappingNode existing ? new YamlMappingNode(existing.Children) : new YamlMappingNode();
        foreach (var (name, value) in entries)
        {
            merged.Children[new YamlScalarNode(name)] = value;
        }
        map.Children[new YamlScalarNode(key)] = merged;
        return merged;
    }
}
