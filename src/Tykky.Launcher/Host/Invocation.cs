namespace Tykky.Launcher.Host;

/// <summary>How the launcher was started: through a wrapper symlink, or as itself.</summary>
internal abstract record Invocation;

/// <summary>
/// Started through a wrapper: <c>&lt;Prefix&gt;/bin/&lt;ProgramName&gt;</c>, possibly via further links.
/// </summary>
/// <param name="Prefix">
/// The directory of the installation's files (manifest, <c>_bin</c>, launcher, image), canonical: the
/// generation the launcher runs from (<c>&lt;prefix&gt;/generations/N</c>), or the prefix in the flat layout.
/// </param>
/// <param name="ProgramName">The wrapper's name in <c>bin/</c>.</param>
/// <param name="InvokedAs">The path the wrapper was called by, unresolved: the program's argv[0].</param>
/// <param name="Arguments">The arguments after argv[0], unchanged.</param>
internal sealed record WrapperInvocation(string Prefix, string ProgramName, string InvokedAs, IReadOnlyList<string> Arguments) : Invocation
{
    /// <summary>The prefix users see (<see cref="Prefix"/> in the flat layout): bound whole, so its stable links resolve inside too.</summary>
    public string StablePrefix { get; init; } = Prefix;

    /// <summary>
    /// <see cref="Prefix"/> as the launcher reads the installation's files through it: a name of the
    /// directory opened once (see <see cref="Native.DescriptorNames"/>), or <see cref="Prefix"/>
    /// itself. Only for this process's reads and its execve, never for paths handed to other processes.
    /// </summary>
    public string FilesLookup { get; init; } = Prefix;

    /// <summary>
    /// True when the running launcher is the installation's own binary (in <see cref="Prefix"/>): its
    /// files may then be read through one open directory, or from their local copies.
    /// </summary>
    public bool RunsOwnLauncher { get; init; }

    /// <summary>The local copies of the generation's manifest and joiner this launch reads or writes (see <see cref="Keeper.LocalCopies"/>), or null.</summary>
    public Keeper.LocalCopies? Copies { get; init; }

    /// <summary>True when <see cref="InvokedAs"/> is another link that leads to the wrapper, such as a venv's bin/python.</summary>
    public bool ThroughOtherLinks { get; init; }
}

/// <summary>Started as the launcher binary itself (the step inside the sandbox, or by mistake).</summary>
/// <param name="LauncherPath">The path it was started by.</param>
/// <param name="Arguments">The arguments after argv[0].</param>
internal sealed record DirectInvocation(string LauncherPath, IReadOnlyList<string> Arguments) : Invocation;
