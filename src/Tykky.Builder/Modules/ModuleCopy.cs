namespace Tykky.Builder.Modules;

/// <summary>
/// Copies an installation's module into a site's module tree (<c>tykky module DIR --into TREE</c>), for
/// support staff: <c>TREE/&lt;name&gt;/&lt;version&gt;.lua</c> and <c>TREE/&lt;name&gt;/&lt;version&gt;</c>. Each file
/// is written beside its target and renamed over it, so a user loading the module meanwhile sees the
/// old file or the new one, never half of one.
/// </summary>
public static class ModuleCopy
{
    /// <summary>Copies the module of the installation in <paramref name="prefix"/> into <paramref name="siteTree"/>; returns its name/version.</summary>
    public static string Into(string prefix, string siteTree)
    {
        var (name, files) = ModuleFiles(prefix);
        if (File.Exists(siteTree))
        {
            throw new BuildException($"Module tree '{siteTree}' is a file; give a directory (the one sites add with 'module use')");
        }
        var target = Path.Join(siteTree, name);
        try
        {
            Directory.CreateDirectory(target);
            foreach (var file in files)
            {
                var temporary = Path.Join(target, $".{Path.GetFileName(file)}.tykky-new");
                File.Copy(file, temporary, overwrite: true);
                File.Move(temporary, Path.Join(target, Path.GetFileName(file)), overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException($"Cannot write the module into '{target}': {e.Message.TrimEnd('.')}; choose a module tree you can write to");
        }
        return $"{name}/{Path.GetFileNameWithoutExtension(files[0])}";
    }

    /// <summary>The module's name and files (.lua first) in <paramref name="prefix"/>'s share/modulefiles.</summary>
    private static (string Name, IReadOnlyList<string> Files) ModuleFiles(string prefix)
    {
        var tree = Path.Join(prefix, ModuleTree.InPrefix);
        var names = Directory.Exists(tree) ? Directory.GetDirectories(tree) : [];
        var files = names.Length == 1 ? Directory.GetFiles(names[0]).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
        {
            throw new BuildException($"Installation '{prefix}' has no module in {ModuleTree.InPrefix} (made by an older Tykky); update it, and the update writes one");
        }
        var lua = files.Where(f => f.EndsWith(".lua", StringComparison.Ordinal));
        return (Path.GetFileName(names[0]), [.. lua, .. files.Except(lua)]);
    }
}
