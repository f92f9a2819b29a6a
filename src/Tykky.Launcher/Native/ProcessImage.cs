using System.Runtime.InteropServices;
using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Native;

/// <summary>Replaces the launcher with the planned program (execve); returns only by throwing.</summary>
internal static unsafe class ProcessImage
{
    private const int ENOENT = 2;
    private const int EACCES = 13;
    private const int ENOTDIR = 20;
    private const int E2BIG = 7;

    /// <summary>Performs <paramref name="plan"/>.</summary>
    public static void Replace(ExecPlan plan)
    {
        foreach (var warning in plan.Warnings)
        {
            Fatal.WriteLine(warning);
        }
        // .NET ignores SIGPIPE and an ignored disposition survives execve: without this reset,
        // `wrapper | head` would leave the program writing into a closed pipe forever.
        Libc.signal(Libc.SIGPIPE, 0);
        using var environment = new NativeStringArray(plan.Environment);
        var launch = plan.Launch;
        var arguments = launch.Transport switch
        {
            ArgumentTransport.Argv => launch.Arguments,
            ArgumentTransport.BwrapArgumentFiles => InMemoryFiles(BwrapArgumentFiles.Split(launch.Arguments)),
        };
        StandardDescriptors.Close(launch.DescriptorsToClose);
        switch (launch.Target)
        {
            case ProgramPath program:
                var errno = TryExec(program.Path, launch.Argv0 ?? program.Path, arguments, environment);
                throw ExecFailed(program.Path, errno);
            case CommandSearch search:
                throw Search(search, launch, environment, SearchPath(plan.Environment));
        }
        throw new System.Diagnostics.UnreachableException($"exec target {launch.Target.GetType().Name}");
    }

    private static LaunchException Search(CommandSearch search, ProgramLaunch launch, NativeStringArray environment, string searchPath)
    {
        var denied = (string?)null;
        foreach (var name in search.Candidates)
        {
            var paths = name.Contains('/') ? [name] : searchPath.Split(':').Select(d => Path.Join(d.Length == 0 ? "." : d, name));
            foreach (var path in paths)
            {
                var errno = TryExec(path, launch.Argv0 ?? name, launch.Arguments, environment);
                switch (errno)
                {
                    case ENOENT or ENOTDIR:
                        continue;
                    case EACCES:
                        denied ??= path;
                        continue;
                    default:
                        return ExecFailed(path, errno);
                }
            }
        }
        return denied is not null
            ? ExecFailed(denied, EACCES)
            : new LaunchException("command not found", string.Join(" or ", search.Candidates), $"searched PATH={searchPath}", ExitCode.NotFound);
    }

    private static IReadOnlyList<string> InMemoryFiles(BwrapArgumentFiles files) =>
        files.Arguments(MemoryFile.Create("tykky-bwrap-options", files.Options), MemoryFile.Create("tykky-inner-request", files.Request));

    private static int TryExec(string path, string argv0, IReadOnlyList<string> arguments, NativeStringArray environment)
    {
        using var argv = new NativeStringArray([argv0, .. arguments]);
        var encodedPath = PosixText.EncodeNullTerminated(path);
        fixed (byte* p = encodedPath)
        {
            Libc.execve(p, argv.Pointer, environment.Pointer);
        }
        return Marshal.GetLastPInvokeError();
    }

    private static string SearchPath(IReadOnlyList<string> environment) =>
        environment.FirstOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?[5..] ?? "/usr/local/bin:/usr/bin:/bin";

    private static LaunchException ExecFailed(string path, int errno) => errno switch
    {
        E2BIG => new("cannot execute", path, $"{Libc.ErrorText(errno)}: the arguments and the environment exceed the kernel's limit for one program (getconf ARG_MAX; one argument at most 128 KiB)",
            ExitCode.CannotExecute),
        ENOENT => new("cannot execute", path, Libc.ErrorText(errno), ExitCode.NotFound),
        _ => new("cannot execute", path, Libc.ErrorText(errno), ExitCode.CannotExecute),
    };
}
