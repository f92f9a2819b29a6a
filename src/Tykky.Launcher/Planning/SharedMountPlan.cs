using System.Globalization;

namespace Tykky.Launcher.Planning;

/// <summary>
/// A launch through the installation's keeper (bubblewrap shared mount): the keeper to start when none
/// runs, and the join. The join's exec needs the number of the lock descriptor the launcher holds
/// while it execs (<see cref="Join"/>), so the plan is completed by the one step that opens it.
/// </summary>
/// <param name="RecordPath">The keeper's record (see <see cref="Manifest.KeeperRecords"/>).</param>
/// <param name="LockPath">The keeper's lock file.</param>
/// <param name="KeeperStart">Starts the keeper, detached: the joiner's --detach mode running bubblewrap.</param>
/// <param name="Joiner">The tykky-join binary of the installation.</param>
/// <param name="WorkingDirectory">The caller's working directory, entered again inside.</param>
/// <param name="Program">The program, as the per-launch sandbox would exec it.</param>
/// <param name="Environment">The program's environment.</param>
/// <param name="Warnings">Lines for stderr before the exec.</param>
internal sealed record SharedMountPlan(
    string RecordPath, string LockPath, ProgramLaunch KeeperStart, string Joiner, string WorkingDirectory,
    ProgramLaunch Program, IReadOnlyList<string> Environment, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// <see cref="Joiner"/> as this launch checks and execs it (through the installation directory's
    /// handle, see <see cref="Host.WrapperInvocation.FilesLookup"/>); its argv[0] stays <see cref="Joiner"/>.
    /// </summary>
    public string JoinerLookup { get; init; } = Joiner;

    /// <summary>The local copies of the generation's manifest and joiner (see <see cref="Keeper.LocalCopies"/>): the join execs the joiner's copy first.</summary>
    public Keeper.LocalCopies? Copies { get; init; }

    /// <summary>The exec that joins the keeper, the lock being held on <paramref name="lockFd"/> (tykky-join closes it once inside).</summary>
    public ExecPlan Join(int lockFd)
    {
        var path = Program.Target is ProgramPath program ? program.Path
            : throw new InvalidOperationException("only a program path is joined");
        return new ExecPlan(
            // fds 0-2 the caller had closed are closed again before tykky-join, which closes all it opens
            new ProgramLaunch(Copies is null ? new ProgramPath(JoinerLookup) : new CommandSearch([Copies.Joiner, JoinerLookup]), Joiner,
                [RecordPath, lockFd.ToString(CultureInfo.InvariantCulture), WorkingDirectory, path, Program.Argv0 ?? path, .. Program.Arguments])
            {
                DescriptorsToClose = Program.DescriptorsToClose,
            },
            Environment, Warnings);
    }
}
