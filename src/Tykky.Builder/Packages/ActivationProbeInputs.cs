namespace Tykky.Builder.Packages;

/// <summary>
/// The launch environment the activation is captured under, perturbed (#8.5): what an activate.d script
/// may read that differs between the builder and each user, node and job. The first activation sees one
/// user, home, temporary directory and Slurm job; the second another user, home and temporary directory
/// outside any job. The values are distinctive, so that a value holding one is taken to follow it.
/// </summary>
public static class ActivationProbeInputs
{
    /// <summary>The probe's directory inside the install tree, relative to the installation path: the homes and temporary directories exist during the capture.</summary>
    public const string Directory = ".tykky/activation-probe";

    /// <summary>The two probes' subdirectories of <see cref="Directory"/>.</summary>
    public static readonly string[] Probes = ["first", "second"];

    /// <summary>Slurm's job variables that scripts test and use; the second activation runs outside a job, with every SLURM_ variable unset.</summary>
    private static readonly (string Name, string Value)[] SlurmJob =
    [
        ("SLURM_JOB_ID", "731000417"),
        ("SLURM_JOB_NAME", "tykky-probe-job"),
        ("SLURM_JOB_ACCOUNT", "tykky-probe-account"),
        ("SLURM_JOB_PARTITION", "tykky-probe-partition"),
        ("SLURM_CLUSTER_NAME", "tykky-probe-cluster"),
        ("SLURM_SUBMIT_DIR", "/tykky-probe-submit-dir"),
        ("SLURM_CPUS_PER_TASK", "731000419"),
        ("SLURM_NTASKS", "731000421"),
        ("SLURM_PROCID", "731000423"),
    ];

    /// <summary>The inputs, with the probes' directories under <paramref name="probeRootInside"/> (the installation path's <see cref="Directory"/>).</summary>
    public static IReadOnlyList<LaunchInput> For(string probeRootInside) =>
    [
        new("HOME", $"{probeRootInside}/first/home", $"{probeRootInside}/second/home"),
        new("TMPDIR", $"{probeRootInside}/first/tmp", $"{probeRootInside}/second/tmp"),
        new("USER", "tykky-probe-user-first", "tykky-probe-user-second"),
        new("LOGNAME", "tykky-probe-login-first", "tykky-probe-login-second"),
        .. SlurmJob.Select(variable => new LaunchInput(variable.Name, variable.Value, null)),
    ];

    /// <summary>The names the report lists ("HOME, TMPDIR, USER, LOGNAME, SLURM_* set and unset").</summary>
    public const string Described = "HOME, TMPDIR, USER, LOGNAME, and SLURM_* set and unset";
}
