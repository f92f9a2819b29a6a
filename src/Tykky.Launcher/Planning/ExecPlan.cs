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
internal sealed record ProgramLaunch(ExecTarget Target, string? Argv0, IReadOnlyList<string> Arguments);

/// <summary>What a <see cref="ProgramLaunch"/> executes.</summary>
internal abstract record ExecTarget;

/// <summary>An executable file at an absolute path.</summary>
internal sealed record ProgramPath(string Path) : ExecTarget;

/// <summary>The first of <paramref name="Candidates"/> found on the environment's PATH, as execvp searches.</summary>
internal sealed record CommandSearch(IReadOnlyList<string> Candidates) : ExecTarget;
