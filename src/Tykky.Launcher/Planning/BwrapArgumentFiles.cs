namespace Tykky.Launcher.Planning;

/// <summary>
/// A bubblewrap launch of the inner step with its arguments in two memory files instead of argv
/// (issue #9.10):
/// <code>
/// bwrap --args FD1 -- LAUNCHER --tykky-inner --request-fd FD2
/// </code>
/// bubblewrap counts every argument it is given, the command's own included, against its MAX_ARGS of
/// 9000 (bubblewrap.c <c>parse_args</c> starts the count at argc), and <c>--args</c> only moves options:
/// a command in that file is ignored. So FD1 holds bubblewrap's options and FD2 the inner step's
/// request, the program's arguments with it; the inner step reads and closes it and execs the program.
/// Only the kernel's limit on one exec's arguments and environment remains, as for the bare program.
/// Both files hold NUL-terminated strings, as <c>--args</c> reads them.
/// </summary>
/// <param name="Options">bubblewrap's options, before its <c>--</c>.</param>
/// <param name="Launcher">The launcher that runs as the sandbox's first process.</param>
/// <param name="Request">The inner step's request after <see cref="InnerStepRequest.Marker"/>.</param>
internal sealed record BwrapArgumentFiles(IReadOnlyList<string> Options, string Launcher, IReadOnlyList<string> Request)
{
    /// <summary>Splits the arguments of a bubblewrap launch as <see cref="BwrapCommand"/> writes them: OPTIONS -- LAUNCHER --tykky-inner REQUEST.</summary>
    public static BwrapArgumentFiles Split(IReadOnlyList<string> arguments)
    {
        // bubblewrap's options hold only absolute paths and option names, so the first "--" followed by
        // the launcher and the marker is the end of the options.
        for (var i = 0; i + 2 < arguments.Count; i++)
        {
            if (arguments[i] == "--" && arguments[i + 2] == InnerStepRequest.Marker)
            {
                return new BwrapArgumentFiles(arguments.Take(i).ToArray(), arguments[i + 1], arguments.Skip(i + 3).ToArray());
            }
        }
        throw new InvalidOperationException("a bubblewrap launch without the launcher's inner step");
    }

    /// <summary>bubblewrap's argv after argv[0], once the two files are open as <paramref name="optionsFd"/> and <paramref name="requestFd"/>.</summary>
    public IReadOnlyList<string> Arguments(int optionsFd, int requestFd) =>
        ["--args", optionsFd.ToString(System.Globalization.CultureInfo.InvariantCulture), "--", Launcher,
         InnerStepRequest.Marker, InnerStepRequest.RequestDescriptorOption, requestFd.ToString(System.Globalization.CultureInfo.InvariantCulture)];
}
