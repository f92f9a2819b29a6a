using System.Text.Json;
using Tykky.Builder.Inspection;

namespace Tykky.Builder.Packages;

/// <summary>
/// Reads Spack's <c>spack.lock</c> (lockfile-version 4 and 5: <c>roots</c> with <c>hash</c> and <c>spec</c>,
/// <c>concrete_specs</c> by hash; version 5 adds <c>spack: {version, commit}</c>). Pure.
/// </summary>
public static class SpackLock
{
    /// <summary>The roots of the lock file <paramref name="json"/> with their concrete names and versions; empty when it is not a Spack lock file.</summary>
    public static IReadOnlyList<SpackRoot> Roots(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var lockFile = document.RootElement;
            if (lockFile.ValueKind != JsonValueKind.Object || !lockFile.TryGetProperty("roots", out var roots) || roots.ValueKind != JsonValueKind.Array)
            {
                return [];
            }
            lockFile.TryGetProperty("concrete_specs", out var concrete);
            return roots.EnumerateArray().Select(root =>
            {
                var hash = Text(root, "hash") ?? "";
                var node = concrete.ValueKind == JsonValueKind.Object && concrete.TryGetProperty(hash, out var found) ? found : default;
                var concreteName = node.ValueKind == JsonValueKind.Object ? $"{Text(node, "name")}@{Text(node, "version")}" : null;
                return new SpackRoot(Text(root, "spec") ?? "", hash, concreteName);
            }).ToArray();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
