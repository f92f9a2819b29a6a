using System.Text.Json.Serialization;

namespace Tykky.Launcher.Manifest;

/// <summary>Source-generated (reflection-free) JSON for the manifest: how the builder writes it (<see cref="ManifestParser"/> reads it).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(InstallationManifest))]
public sealed partial class ManifestJsonContext : JsonSerializerContext;

