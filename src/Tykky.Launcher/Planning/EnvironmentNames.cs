namespace Tykky.Launcher.Planning;

/// <summary>The environment variables the launcher reads or rewrites, in one table.</summary>
internal static class EnvironmentNames
{
    /// <summary>Program search path.</summary>
    public const string Path = "PATH";

    /// <summary>Library search path.</summary>
    public const string LdLibraryPath = "LD_LIBRARY_PATH";

    /// <summary>Scratch directory; bound into the container, also at /tmp.</summary>
    public const string TmpDir = "TMPDIR";

    /// <summary>The user's runtime directory (per user and node), where the keeper directory is when set.</summary>
    public const string RuntimeDirectory = "XDG_RUNTIME_DIR";

    /// <summary>Extra binds for this launch, apptainer syntax, comma-separated.</summary>
    public const string ExtraBindMounts = "CW_EXTRA_BIND_MOUNTS";

    /// <summary>Activate the conda environment even when the wrapper is reached through a venv.</summary>
    public const string ForceCondaActivate = "CW_FORCE_CONDA_ACTIVATE";

    /// <summary>Never activate the conda environment.</summary>
    public const string NoCondaActivate = "CW_NO_CONDA_ACTIVATE";

    /// <summary>The PATH of a container that defines none (apptainer's default).</summary>
    public const string StandardPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>
    /// Variables an apptainer/singularity container sets inside (see shared/reference/apptainer-observed.md)
    /// that leak into anything started from it, e.g. <c>srun</c>. Outside a container they are stale and
    /// make the runtime fail (a stale BIND names sources that do not exist here), so they are removed.
    /// </summary>
    public static readonly IReadOnlySet<string> StaleRuntimeVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        "APPTAINER_APPNAME", "APPTAINER_BIND", "APPTAINER_BINDPATH", "APPTAINER_COMMAND", "APPTAINER_CONTAINER", "APPTAINER_ENVIRONMENT", "APPTAINER_NAME",
        "SINGULARITY_APPNAME", "SINGULARITY_BIND", "SINGULARITY_BINDPATH", "SINGULARITY_COMMAND", "SINGULARITY_CONTAINER", "SINGULARITY_ENVIRONMENT", "SINGULARITY_NAME",
    };

    /// <summary>Prefixes that pass a variable into an apptainer/singularity container (APPTAINERENV_FOO sets FOO inside).</summary>
    public static readonly IReadOnlyList<string> PassingPrefixes = ["APPTAINERENV_", "SINGULARITYENV_"];

    /// <summary>The library directory apptainer adds to LD_LIBRARY_PATH inside; it leaks the same way.</summary>
    public const string ApptainerLibraryDirectory = "/.singularity.d/libs";
}
