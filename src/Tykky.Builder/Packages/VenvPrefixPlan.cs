namespace Tykky.Builder.Packages;

/// <summary>
/// How an installation whose python is a venv's is laid out, so that both its python and venvs made
/// on top of it behave (SPEC §5, §9). CPython's getpath (Modules/getpath.py) and site.py decide:
/// <list type="bullet">
/// <item><c>&lt;prefix&gt;/bin/python</c> is found with argv[0] = that path. The prefix's
/// <c>pyvenv.cfg</c> has <b>no</b> <c>home</c> key: getpath then treats the program as no venv, so
/// <c>sys._base_executable</c> stays <c>&lt;prefix&gt;/bin/python</c> (with <c>home</c> it would be the
/// realpath through the container's links, the host's /usr/bin/python3.11 — upstream's defect, whose
/// venvs ran on the host) and the standard library is found from the real program's directory.
/// site.py still reads the file (<c>sys.prefix</c> = the prefix, include-system-site-packages) and adds
/// <c>&lt;prefix&gt;/lib/pythonX.Y/site-packages</c>.</item>
/// <item><c>&lt;prefix&gt;/bin/python -m venv VE</c> links VE/bin/python to the wrapper and writes
/// <c>home = &lt;prefix&gt;/bin</c>. VE's python runs through the wrapper, inside the container; getpath
/// searches up from home for the standard library landmark <c>lib/pythonX.Y/os.py</c> and finds it in
/// <c>&lt;prefix&gt;/lib</c>, so VE's base prefix is the installation, and --system-site-packages shows the
/// installation's packages.</item>
/// </list>
/// For that, <c>&lt;prefix&gt;/lib</c> links to a view inside the image (one link on the shared
/// filesystem, however big the standard library): the base Python's standard library entries linked
/// one by one, <c>site-packages</c> linked to the venv's, and, when the venv includes system site
/// packages, the base installation's site directories. <c>lib64</c> links to <c>lib</c>. Pure.
/// </summary>
public static class VenvPrefixPlan
{
    /// <summary>The view's directory inside the image, relative to the installation path.</summary>
    public const string ViewDirectory = ".tykky/python";

    /// <summary>Entries of the standard library directory that are site directories, not the standard library.</summary>
    private static readonly string[] SiteEntries = ["site-packages", "dist-packages"];

    /// <summary>pyvenv.cfg keys that must not reach the prefix's copy (home: see the type's remarks; the others describe the original venv).</summary>
    private static readonly string[] DroppedKeys = ["home", "executable", "command"];

    /// <summary>The links of the view, relative to <see cref="ViewDirectory"/>.</summary>
    public static IReadOnlyList<LinkSpec> ViewLinks(BasePython python, string environmentRoot, bool systemSitePackages)
    {
        var library = $"lib/python{python.Version}";
        var links = python.Entries.Where(e => !SiteEntries.Contains(e)).Select(e => new LinkSpec($"{library}/{e}", $"{python.Stdlib}/{e}")).ToList();
        links.Add(new LinkSpec($"{library}/site-packages", $"{environmentRoot}/lib/python{python.Version}/site-packages"));
        if (systemSitePackages)
        {
            var basePrefix = python.BasePrefix.TrimEnd('/') + "/";
            links.AddRange(python.SiteDirectories
                .Where(d => d.StartsWith(basePrefix + "lib/", StringComparison.Ordinal))
                .Select(d => new LinkSpec(d[basePrefix.Length..].TrimEnd('/'), d))
                .Where(l => links.All(existing => existing.Path != l.Path)));
        }
        return links;
    }

    /// <summary>The links in the prefix: lib to the view, lib64 to lib.</summary>
    public static IReadOnlyList<LinkSpec> PrefixLinks(string installationPath) =>
        [new("lib", $"{installationPath}/{ViewDirectory}/lib"), new("lib64", "lib")];

    /// <summary>The prefix's pyvenv.cfg: the venv's, without the keys in <see cref="DroppedKeys"/>.</summary>
    public static string PrefixPyvenvConfig(string venvConfig)
    {
        var kept = venvConfig.Split('\n')
            .Where(line => line.Trim().Length > 0)
            .Where(line => !DroppedKeys.Contains(line.Split('=')[0].Trim().ToLowerInvariant()));
        return "# Written by Tykky for the wrappers in bin/. No home key, on purpose: see Tykky's README.\n" + string.Join('\n', kept) + "\n";
    }
}
