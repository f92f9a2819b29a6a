using System.Text;
using System.Text.Json;
using Tykky.Builder.Modules;

namespace Tykky.Builder.Locks;

/// <summary>
/// The installation's pip packages with their hashes (<c>share/pip-lock.txt</c>): pins, each with the
/// SHA-256 of the file pip installed it from, taken from pip's install reports and, for an update,
/// from the installation's earlier lock. A venv's pins are <c>pip freeze</c>'s; a package with no known
/// hash (installed by a post-install script, or by uv, which writes no report) keeps a plain pin, and
/// the file says so: pip's hash-checking mode needs every line hashed. Pure.
/// </summary>
public static class PipLock
{
    /// <summary>The file in share/.</summary>
    public const string FileName = "pip-lock.txt";

    /// <summary>The first line of a lock in which every package is hashed.</summary>
    public const string CompleteHeader = "# every package pinned and hashed: pip install --require-hashes -r pip-lock.txt (written by tykky)";

    /// <summary>The lock of <paramref name="pins"/> with the hashes of <paramref name="hashed"/>.</summary>
    public static string Write(IReadOnlyList<PackageVersion> pins, IEnumerable<HashedPackage> hashed)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var package in hashed)
        {
            hashes[Key(package.Name, package.Version)] = package.Sha256;
        }
        var unhashed = pins.Where(p => !hashes.ContainsKey(Key(p.Name, p.Version))).Select(p => p.Name).ToArray();
        var text = new StringBuilder(unhashed.Length == 0 ? CompleteHeader + "\n"
            : $"# no hash is known for: {string.Join(", ", unhashed)} (installed without a pip report); pip install -r pip-lock.txt without hash checking\n");
        foreach (var pin in pins)
        {
            text.Append(hashes.TryGetValue(Key(pin.Name, pin.Version), out var hash) ? $"{pin.Name}=={pin.Version} --hash=sha256:{hash}\n" : $"{pin.Name}=={pin.Version}\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// The pins of what pip installed, when no <c>pip freeze</c> lists the environment (a conda
    /// environment's pip packages): the last version of each package, in name order.
    /// </summary>
    public static IReadOnlyList<PackageVersion> PinsOf(IEnumerable<HashedPackage> installed) =>
        installed.GroupBy(p => PackageVersion.Normalize(p.Name), StringComparer.Ordinal).Select(g => new PackageVersion(g.Last().Name, g.Last().Version))
            .OrderBy(p => PackageVersion.Normalize(p.Name), StringComparer.Ordinal).ToArray();

    /// <summary>Whether a lock hashes every package.</summary>
    public static bool IsComplete(string lockText) => lockText.StartsWith(CompleteHeader, StringComparison.Ordinal);

    /// <summary>The packages of a pip install report (<c>pip install --report</c>, version 1) that carry a SHA-256.</summary>
    public static IEnumerable<HashedPackage> FromReport(string json)
    {
        using var report = JsonDocument.Parse(json);
        var packages = new List<HashedPackage>();
        foreach (var item in report.RootElement.GetProperty("install").EnumerateArray())
        {
            var metadata = item.GetProperty("metadata");
            if (item.TryGetProperty("download_info", out var download) && download.TryGetProperty("archive_info", out var archive)
                && archive.TryGetProperty("hash", out var hash) && hash.GetString() is { } value && value.StartsWith("sha256=", StringComparison.Ordinal))
            {
                packages.Add(new(metadata.GetProperty("name").GetString()!, metadata.GetProperty("version").GetString()!, value["sha256=".Length..]));
            }
        }
        return packages;
    }

    /// <summary>The packages of an earlier lock's <c>name==version --hash=sha256:H</c> lines.</summary>
    public static IEnumerable<HashedPackage> FromLock(string lockText) =>
        lockText.Split('\n').Select(line => line.Split(" --hash=sha256:", 2)).Where(parts => parts.Length == 2 && parts[0].Contains("==", StringComparison.Ordinal))
            .Select(parts => new HashedPackage(parts[0].Split("==")[0], parts[0].Split("==")[1], parts[1].Trim()));

    private static string Key(string name, string version) => $"{PackageVersion.Normalize(name)}=={version}";
}
