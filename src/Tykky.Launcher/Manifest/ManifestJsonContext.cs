using System.Text.Json.Serialization;

namespace Tykky.Launcher.Manifest;

/// <summary>Source-generated (reflection-free) JSON for the manifest.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(InstallationManifest))]
[JsonSerializable(typeof(ManifestHeader))]
public sealed partial class ManifestJsonContext : JsonSerializerContext;

/// <summary>The part of a manifest read first, to refuse newer schemas before parsing the rest.</summary>
public sealed record ManifestHeader
{
    /// <summary>Schema version of the file.</summary>
    public int SchemaVersion { get; init; }
}
