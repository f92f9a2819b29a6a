using System.Globalization;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Deploy;

/// <summary>
/// The names in <c>&lt;prefix&gt;/generations</c> and the prefix's links to them, and the decisions on
/// them. Pure. A generation is staged in <c>.staging-N</c>, renamed to <c>N</c> when complete, and made
/// current by the switch of <c>&lt;prefix&gt;/bin</c>.
/// </summary>
public static class GenerationNames
{
    /// <summary>Name prefix of a generation being built.</summary>
    public const string StagingPrefix = ".staging-";

    /// <summary>The number of a complete generation's directory name ("3"), or null.</summary>
    public static int? Complete(string name) =>
        name.Length > 0 && name.All(char.IsAsciiDigit) && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The number of a staging directory's name (".staging-3"), or null.</summary>
    public static int? Staging(string name) => name.StartsWith(StagingPrefix, StringComparison.Ordinal) ? Complete(name[StagingPrefix.Length..]) : null;

    /// <summary>The staging directory name of generation <paramref name="number"/>.</summary>
    public static string StagingName(int number) => StagingPrefix + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The target of the switch link <c>bin</c> for generation <paramref name="number"/>:
    /// <c>generations/N/bin</c> (relative, so the prefix can move). The kernel's exec of a wrapper
    /// walks it, so it leads to the generation's <c>bin</c> directly: each link on that walk costs two
    /// metadata round trips on a parallel filesystem.
    /// </summary>
    public static string SwitchTarget(int number) => $"{GenerationTarget(number)}/{InstallationLayout.BinDirectory}";

    /// <summary>The generation a <c>bin</c> switch link's target names, or null when it names none (the flat layout's directory, or an earlier layout's <c>current/bin</c>).</summary>
    public static int? FromSwitchTarget(string? target) =>
        target is not null && target.TrimEnd('/') is var trimmed && trimmed.EndsWith("/" + InstallationLayout.BinDirectory, StringComparison.Ordinal)
            ? FromGenerationTarget(trimmed[..^(InstallationLayout.BinDirectory.Length + 1)])
            : null;

    /// <summary>The target of <c>current</c>: the generation <c>bin</c> leads to, so the one rename of <c>bin</c> switches both.</summary>
    public static readonly string CurrentTarget = $"{InstallationLayout.BinDirectory}/..";

    /// <summary>The target of a link to generation <paramref name="number"/> itself (<c>current</c> of an earlier layout, and while the flat layout is converted).</summary>
    public static string GenerationTarget(int number) => $"{InstallationLayout.GenerationsDirectory}/{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The generation a <see cref="GenerationTarget"/> names, or null when it names none.</summary>
    public static int? FromGenerationTarget(string? target) =>
        target is not null && target.StartsWith(InstallationLayout.GenerationsDirectory + "/", StringComparison.Ordinal)
            ? Complete(target[(InstallationLayout.GenerationsDirectory.Length + 1)..].TrimEnd('/'))
            : null;

    /// <summary>
    /// The generation in use, from the targets of the prefix's <c>bin</c> and <c>current</c> links:
    /// the switch link's, else (an installation of an earlier layout, or one whose flat layout is being
    /// converted) a <c>current</c> that leads to a generation itself.
    /// </summary>
    public static int? Current(string? binTarget, string? currentTarget) => FromSwitchTarget(binTarget) ?? FromGenerationTarget(currentTarget);

    /// <summary>
    /// True when <paramref name="target"/> is what the layout makes for <paramref name="name"/>:
    /// <c>bin</c> a switch link (or an earlier layout's <c>current/bin</c>), <c>current</c>
    /// <see cref="CurrentTarget"/> (or an earlier layout's link to a generation), any other name <see cref="InstallationLayout.StableLinkTarget"/>.
    /// </summary>
    public static bool IsStableLink(string name, string? target) => name switch
    {
        InstallationLayout.BinDirectory => FromSwitchTarget(target) is not null || target == InstallationLayout.StableLinkTarget(name),
        InstallationLayout.CurrentLink => target == CurrentTarget || FromGenerationTarget(target) is not null,
        _ => target == InstallationLayout.StableLinkTarget(name),
    };

    /// <summary>The name a link to <paramref name="number"/> is made as before it is renamed over <paramref name="link"/> (<c>bin</c> or <c>current</c>).</summary>
    public static string SwitchLinkName(string link, int number) => $".{link}-{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>True for a <see cref="SwitchLinkName"/> (one a build killed before its rename leaves).</summary>
    public static bool IsSwitchLink(string name) =>
        new[] { InstallationLayout.BinDirectory, InstallationLayout.CurrentLink }.Any(link => name.StartsWith($".{link}-", StringComparison.Ordinal) && Complete(name[(link.Length + 2)..]) is not null);

    /// <summary>The number for a new generation: above every generation and staging directory there is.</summary>
    public static int Next(IEnumerable<int> taken) => taken.DefaultIfEmpty(0).Max() + 1;

    /// <summary>
    /// The complete generations to delete: all but <paramref name="current"/> and the one before it,
    /// which a launch that read the old manifest just before a switch may still need. Generations
    /// above the current one were renamed into place by a build killed before its switch.
    /// </summary>
    public static IReadOnlyList<int> Stale(IReadOnlyCollection<int> complete, int? current)
    {
        var previous = current is { } c ? complete.Where(n => n < c).DefaultIfEmpty(-1).Max() : -1;
        return complete.Where(n => n != current && n != previous).Order().ToArray();
    }
}
