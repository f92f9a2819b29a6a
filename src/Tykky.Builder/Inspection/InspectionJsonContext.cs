using System.Text.Json.Serialization;

namespace Tykky.Builder.Inspection;

/// <summary>Source-generated (reflection-free, NativeAOT-safe) JSON for the <c>--json</c> output of info, list and doctor.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, WriteIndented = true)]
[JsonSerializable(typeof(InstallationInfo))]
[JsonSerializable(typeof(InstallationList))]
[JsonSerializable(typeof(DoctorReport))]
internal sealed partial class InspectionJsonContext : JsonSerializerContext;
