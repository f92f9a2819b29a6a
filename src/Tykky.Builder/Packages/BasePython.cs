using System.Text.Json;

namespace Tykky.Builder.Packages;

/// <summary>
/// What a venv's base Python looks like inside the container, as the venv's own python reports it:
/// its version, its standard library directory and that directory's entries, its prefix, and the base
/// installation's site directories that exist.
/// </summary>
/// <param name="Version">"3.11".</param>
/// <param name="Stdlib">The standard library directory, e.g. /usr/lib/python3.11.</param>
/// <param name="BasePrefix">sys.base_prefix, e.g. /usr.</param>
/// <param name="Entries">The names in <paramref name="Stdlib"/>.</param>
/// <param name="SiteDirectories">The base installation's site directories that exist (site.getsitepackages).</param>
public sealed record BasePython(string Version, string Stdlib, string BasePrefix, IReadOnlyList<string> Entries, IReadOnlyList<string> SiteDirectories)
{
    /// <summary>The Python program that prints the JSON <see cref="Parse"/> reads (Python 3.6 and later).</summary>
    public const string Query =
        "import json, os, site, sys, sysconfig\n" +
        "stdlib = sysconfig.get_paths()['stdlib']\n" +
        "print(json.dumps({'version': '%d.%d' % sys.version_info[:2], 'stdlib': stdlib, 'base_prefix': sys.base_prefix,\n" +
        "    'entries': sorted(os.listdir(stdlib)),\n" +
        "    'site': [d for d in site.getsitepackages([sys.base_prefix]) if os.path.isdir(d)]}))\n";

    /// <summary>Reads the output of <see cref="Query"/>; <paramref name="python"/> names the program in errors.</summary>
    public static BasePython Parse(string json, string python)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            string Text(string name) => root.GetProperty(name).GetString() ?? throw new KeyNotFoundException(name);
            IReadOnlyList<string> List(string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
            return new BasePython(Text("version"), Text("stdlib"), Text("base_prefix"), List("entries"), List("site"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new BuildException($"Cannot read what {python} reported about its installation ({e.Message}); see the build log");
        }
    }
}
