using Tykky.Builder.Config;

namespace Tykky.Builder.Steps;

/// <summary>
/// Keeps every input of this build (the user's files and the effective config) in the image under
/// <c>.tykky/previous_input/N/</c>, N counting builds; an update copies the older ones along.
/// </summary>
public sealed class RecordInputsStep : IBuildStep
{
    /// <summary>Directory of the inputs inside the image tree, relative to its root.</summary>
    public const string PreviousInputDirectory = ".tykky/previous_input";

    /// <inheritdoc/>
    public string Description => "Recording the build inputs";

    /// <summary>The number of the latest build recorded in the install tree (0 before the first): after this step, this build's.</summary>
    public static int LatestBuildNumber(BuildContext context)
    {
        var root = Path.Join(context.InstallTree, PreviousInputDirectory);
        return Directory.Exists(root) ? Directory.EnumerateDirectories(root).Select(d => int.TryParse(Path.GetFileName(d), out var n) ? n : 0).DefaultIfEmpty(0).Max() : 0;
    }

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var root = Path.Join(context.InstallTree, PreviousInputDirectory);
        var number = LatestBuildNumber(context) + 1;
        var target = Directory.CreateDirectory(Path.Join(root, number.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
        var used = new HashSet<string>(StringComparer.Ordinal) { "conf.yaml" };
        foreach (var input in context.InputFiles)
        {
            var name = Path.GetFileName(input);
            for (var i = 2; !used.Add(name); i++)
            {
                name = $"{i}-{Path.GetFileName(input)}";
            }
            File.Copy(input, Path.Join(target, name));
        }
        File.WriteAllText(Path.Join(target, "conf.yaml"), ConfigYamlWriter.ToYaml(context.Config.Effective));
    }
}
