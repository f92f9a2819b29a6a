using Tykky.Builder.Steps;

namespace Tykky.Builder.Packages;

/// <summary>
/// A user's input file (requirements, conda environment file) as the container sees it. In host mode
/// the file is used where it is, so that relative paths inside it (<c>-r other.txt</c>, local wheels)
/// keep working; an isolated container may not see it, so there a copy is put into the install tree
/// (<c>.tykky/inputs/</c>) for the duration of the step.
/// </summary>
public sealed class StagedInput : IDisposable
{
    private const string InputsDirectory = ".tykky/inputs";

    private readonly string? _copy;

    private StagedInput(string pathInside, string? copy)
    {
        PathInside = pathInside;
        _copy = copy;
    }

    /// <summary>The file's path inside the container.</summary>
    public string PathInside { get; }

    /// <summary>Makes <paramref name="file"/> (absolute) visible inside for one step.</summary>
    public static StagedInput For(BuildContext context, string file)
    {
        if (!context.Config.Isolate)
        {
            return new StagedInput(file, null);
        }
        var copy = Path.Join(HostDirectory(context), Path.GetFileName(file));
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(file, copy, overwrite: true);
        return new StagedInput(InsidePathOf(context, Path.GetFileName(file)), copy);
    }

    /// <summary>The inputs directory of the install tree, on the host.</summary>
    public static string HostDirectory(BuildContext context) => Path.Join(context.InstallTree, InputsDirectory);

    /// <summary>The path inside the container of <paramref name="name"/> in the inputs directory.</summary>
    public static string InsidePathOf(BuildContext context, string name) => $"{context.Config.InstallationPath}/{InputsDirectory}/{name}";

    /// <summary>Removes the inputs directory (nothing of it may end up in the image).</summary>
    public static void RemoveAll(BuildContext context)
    {
        var directory = HostDirectory(context);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Removes the copy, if one was made.</summary>
    public void Dispose()
    {
        if (_copy is not null && File.Exists(_copy))
        {
            File.Delete(_copy);
        }
    }
}
