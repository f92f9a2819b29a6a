using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Config;

/// <summary>The environment changes the manifest carries for every launch, in upstream's order: library paths, then the user's.</summary>
public static class LaunchEnvironment
{
    /// <summary>Changes for <paramref name="libraryDirectories"/> (add_ld) and the <c>extra_envs</c> items.</summary>
    public static IReadOnlyList<EnvironmentChange> From(IReadOnlyList<string> libraryDirectories, IReadOnlyList<EnvironmentSource> sources)
    {
        var changes = new List<EnvironmentChange>();
        if (libraryDirectories.Count > 0)
        {
            changes.Add(new EnvironmentChange { Action = EnvironmentAction.Prepend, Name = "LD_LIBRARY_PATH", Value = string.Join(':', libraryDirectories) });
        }
        foreach (var source in sources)
        {
            changes.AddRange(source.File is { } file ? EnvironFile.Parse(ReadEnvironFile(file), file) : [SingleChange(source)]);
        }
        return changes;
    }

    private static EnvironmentChange SingleChange(EnvironmentSource source) => new()
    {
        Name = source.Name!,
        Value = source.Value ?? "",
        Action = source.Type switch
        {
            "set" => EnvironmentAction.Set,
            "prepend" => EnvironmentAction.Prepend,
            "append" => EnvironmentAction.Append,
            _ => throw new BuildException($"extra_envs entry '{source.Name}' has type '{source.Type}'; use set, prepend or append"),
        },
    };

    private static string ReadEnvironFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException($"Cannot read environ file '{path}': {e.Message}");
        }
    }
}
