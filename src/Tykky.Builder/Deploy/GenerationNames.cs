using System.Globalization;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Deploy;

/// <summary>
/// The names in <c>&lt;prefix&gt;/generations</c> and the decisions on them. Pure. A generation is
/// staged in <c>.staging-N</c>, renamed to <c>N</c> when complete, and made current by the switch.
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

    /// <summary>The target of the <c>current</c> link to generation <paramref name="number"/> (relative, so the prefix can move).</summary>
    public static string CurrentTarget(int number) => $"{InstallationLayout.GenerationsDirectory}/{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The generation a <c>current</c> link target names, or null when it names none.</summary>
    public static int? FromCurrentTarget(string? target) =>
        target is not null && target.StartsWith(InstallationLayout.GenerationsDirectory + "/", StringComparison.Ordinal)
            ? Complete(target[(InstallationLayout.GenerationsDirectory.Length + 1)..].TrimEnd('/'))
            : null;

    /// <summary>The target of the stable link <c>&lt;prefix&gt;/NAME</c>.</summary>
    public static string StableTarget(string name) => $"{InstallationLayout.CurrentLink}/{name}";

    /// <summary>True when <paramref name="target"/> is what <see cref="StableTarget"/> makes for <paramref name="name"/>.</summary>
    public static bool IsStableLink(string name, string? target) => target == StableTarget(name);

    /// <summary>The name of the link <see cref="CurrentTarget"/> is made as before it is renamed over <c>current</c>.</summary>
    public static string SwitchLinkName(int number) => $".{InstallationLayout.CurrentLink}-{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>True for a <see cref="SwitchLinkName"/> (one a build killed before its switch leaves).</summary>
    public static bool IsSwitchLink(string name) => name.StartsWith($".{InstallationLayout.CurrentLink}-", StringComparison.Ordinal) && Complete(name[(InstallationLayout.CurrentLink.Length + 2)..]) is not null;

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
