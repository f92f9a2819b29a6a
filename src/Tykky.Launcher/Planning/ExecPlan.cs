namespace Tykky.Launcher.Planning;

/// <summary>The one exec the launcher performs: decided completely before anything is executed.</summary>
/// <param name="Launch">What to execute, with which argv.</param>
/// <param name="Environment">The complete envp as "NAME=VALUE" entries.</param>
/// <param name="Warnings">Lines to print to stderr before the exec (empty on a normal launch).</param>
internal sealed record ExecPlan(ProgramLaunch Launch, IReadOnlyList<string> Environment, IReadOnlyList<string> Warnings)
{
    /// <summary>The same launch through the installation's keeper, preferred when one runs or can be started; null when this launch cannot share a mount.</summary>
    public SharedMountPlan? SharedMount { get; init; }
}

/// <summary>A program to execute and its argv.</summary>
/// <param name="Target">What to execute.</param>
/// <param name="Argv0">argv[0] for the program; null means the name of the candidate a search found.</param>
/// <param name="Arguments">argv[1..], byte-exact.</param>
internal sealed record ProgramLaunch(ExecTarget Target, string? Argv0, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// Of fds 0-2, those the caller had closed: the launcher keeps /dev/null on them for itself and its
    /// helpers and closes them right before this exec (see <see cref="Native.StandardDescriptors"/>).
    /// </summary>
    public IReadOnlyList<int> DescriptorsToClose { get; init; } = [];

    /// <summary>How <see cref="Arguments"/> reach the program.</summary>
    public ArgumentTransport Transport { get; init; } = ArgumentTransport.Argv;
}

/// <summary>How the arguments of a <see cref="ProgramLaunch"/> are handed over.</summary>
internal enum ArgumentTransport
{
    /// <summary>All of them on the exec's argv.</summary>
    Argv,

    /// <summary>
    /// A bubblewrap launch of the inner step, with its options and the inner step's request in memory
    /// files instead of argv (see <see cref="BwrapArgumentFiles"/>).
    /// </summary>
    BwrapArgumentFiles,
}

/// <summary>What a <see cref="ProgramLaunch"/> executes.</summary>
internal abstract record ExecTarget;

/// <summary>An executable file at an absolute path.</summary>
internal sealed record ProgramPath(string Path) : ExecTarget;

/// <summary>
/// The first of <paramref name="Candidates"/> found on the environment's PATH, as execvp searches; a
/// candidate with a slash is a path, tried where it stands.
/// </summary>
internal sealed record CommandSearch(IReadOnlyList<string> Candidates) : ExecTarget;
