using System.Text.Json.Serialization;

namespace Tykky.Builder.Inspection;

/// <summary>The outcome of one check.</summary>
public enum CheckStatus
{
    /// <summary>Fine.</summary>
    [JsonStringEnumMemberName("ok")] Ok,

    /// <summary>Not needed now, or not fatal, but worth fixing.</summary>
    [JsonStringEnumMemberName("warning")] Warning,

    /// <summary>Needed and broken: builds or launches will fail.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Not applicable here.</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
}

/// <summary>One line of <c>tykky doctor</c>.</summary>
/// <param name="Name">What was checked ("bwrap", "/dev/fuse").</param>
/// <param name="Status">The outcome.</param>
/// <param name="Detail">What was found.</param>
/// <param name="Fix">How to fix it (failed and warning checks).</param>
public sealed record DoctorCheck(string Name, CheckStatus Status, string Detail, string? Fix = null);

/// <summary>What <c>tykky doctor</c> reports; also its <c>--json</c> form.</summary>
/// <param name="Runtime">The runtime builds would use here (apptainer, singularity, bwrap).</param>
/// <param name="Healthy">No needed check failed.</param>
/// <param name="Checks">The checks, in order.</param>
public sealed record DoctorReport(string Runtime, bool Healthy, IReadOnlyList<DoctorCheck> Checks);
