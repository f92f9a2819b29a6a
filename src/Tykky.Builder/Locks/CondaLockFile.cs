using System.Text;
using Tykky.Builder.Config;

namespace Tykky.Builder.Locks;

/// <summary>
/// A conda-lock file (<c>conda-lock.yml</c>, conda-lock's unified format, version 1): the locked packages
/// of several platforms, conda's and pip's, each with its URL and hashes. A build installs the
/// packages of the build host's platform: the conda ones as an explicit spec (<c>URL#MD5</c>, which
/// conda checks), the pip ones as a requirements file with <c>--hash</c> (pip's hash-checking mode).
/// </summary>
public sealed record CondaLockFile(string Path, IReadOnlyList<string> Platforms, IReadOnlyList<LockedPackage> Packages)
{
    /// <summary>Whether <paramref name="path"/> holds a conda-lock file rather than an environment file (it has <c>metadata</c> and <c>package</c> at the top).</summary>
    public static bool Is(string path)
    {
        if (!Steps.CreateCondaEnvStep.IsYaml(path) || !File.Exists(path))
        {
            return false;
        }
        var top = YamlConfigReader.ReadFile(path, "conda environment file");
        return top.Get("metadata") is ConfigMap && top.Get("package") is ConfigList;
    }

    /// <summary>Reads and checks the lock file for <paramref name="platform"/>: it must name the platform and give every package of it a URL and a hash.</summary>
    public static CondaLockFile Read(string path, string platform)
    {
        var top = YamlConfigReader.ReadFile(path, "conda-lock file");
        var values = new ConfigValues(top);
        if (values.OptionalText("version") is { } version && version != "1")
        {
            throw new BuildException($"conda-lock file '{path}' has format version {version}; this Tykky reads version 1 (conda-lock's unified conda-lock.yml)");
        }
        var platforms = (top.Get("metadata") as ConfigMap)?.Get("platforms") is ConfigList list ? list.Items.OfType<ConfigScalar>().Select(s => s.Value).ToArray() : [];
        var lockFile = new CondaLockFile(path, platforms, ((ConfigList)top.Get("package")!).Items.Select(item => PackageOf(item, path)).ToArray());
        if (!platforms.Contains(platform))
        {
            throw new BuildException($"conda-lock file '{path}' locks {(platforms.Length == 0 ? "no platform" : string.Join(", ", platforms))}, not this build host's {platform}; lock it for {platform} too (conda-lock lock -p {platform})");
        }
        var forPlatform = lockFile.For(platform).ToArray();
        if (forPlatform.Length == 0)
        {
            throw new BuildException($"conda-lock file '{path}' has no packages for {platform}; lock it again (conda-lock lock -p {platform})");
        }
        if (forPlatform.FirstOrDefault(p => p.Manager == "conda" ? p.Md5 is null && p.Sha256 is null : p.Sha256 is null) is { } unhashed)
        {
            throw new BuildException($"conda-lock file '{path}': package {unhashed.Name} {unhashed.Version} ({platform}) has no hash; lock it again with conda-lock");
        }
        return lockFile;
    }

    /// <summary>The packages locked for <paramref name="platform"/>.</summary>
    public IEnumerable<LockedPackage> For(string platform) => Packages.Where(p => p.Platform == platform);

    /// <summary>The conda packages of <paramref name="platform"/> as an explicit spec (<c>conda create --file</c>). Pure.</summary>
    public string ExplicitSpec(string platform)
    {
        var text = new StringBuilder($"# conda packages of {System.IO.Path.GetFileName(Path)} for {platform} (written by tykky)\n# platform: {platform}\n@EXPLICIT\n");
        foreach (var package in For(platform).Where(p => p.Manager == "conda"))
        {
            text.Append(package.Url).Append(package.Md5 is { } md5 ? $"#{md5}" : $"#sha256:{package.Sha256}").Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// The pip packages of <paramref name="platform"/> as a requirements file with hashes, or null when
    /// there are none. Pinned by name and version, not URL, so that a site's mirror or a wheelhouse
    /// (PIP_INDEX_URL, PIP_FIND_LINKS) can serve them; the hash makes it the same file. Pure.
    /// </summary>
    public string? PipRequirements(string platform)
    {
        var pip = For(platform).Where(p => p.Manager == "pip").ToArray();
        return pip.Length == 0 ? null : string.Concat(pip.Select(p => $"{p.Name}=={p.Version} --hash=sha256:{p.Sha256}\n"));
    }

    private static LockedPackage PackageOf(ConfigNode item, string path)
    {
        if (item is not ConfigMap map)
        {
            throw new BuildException($"conda-lock file '{path}' line {item.Origin[(item.Origin.LastIndexOf(':') + 1)..]}: a package must be a mapping (name, version, manager, platform, url, hash)");
        }
        var values = new ConfigValues(map);
        var hash = map.Get("hash") as ConfigMap;
        string? Hash(string kind) => hash?.Get(kind) is ConfigScalar { Value.Length: > 0 } scalar ? scalar.Value : null;
        return new LockedPackage(values.Text("name"), values.Text("version"), values.OptionalText("manager") ?? "conda", values.Text("platform"), values.Text("url"), Hash("md5"), Hash("sha256"));
    }
}
