using Tykky.Launcher.Diagnostics;

namespace Tykky.Launcher.Planning;

/// <summary>
/// What the launcher does as the first process inside the sandbox: mount images with squashfuse, drop
/// its capabilities, and exec the program with the right argv[0] (bubblewrap 0.8 has no --argv0, and
/// images need not contain a shell). It travels as the launcher's own argv, so nothing is re-quoted:
/// <code>
/// tykky-launcher --tykky-inner [--escaped I,J...] [--squashfuse PATH] [--prefix-view PREFIX GENERATION] [--mount IMAGE OFFSET DIR]... [--drop-caps]
///                [--close-fds FD,FD...] (--exec-path PATH ARGV0 | --exec-bwrap PATH ARGV0 | --exec-search N NAME1..NAMEN) ARGS...
/// tykky-launcher --tykky-inner --request-fd FD
/// </code>
/// The second form reads the rest of the first (NUL-terminated strings) from a file descriptor: that is
/// how bubblewrap passes it (see <see cref="BwrapArgumentFiles"/>). <c>--escaped</c> lists the
/// arguments written with <see cref="ArgumentEscaping"/> (apptainer). <c>--exec-bwrap</c> is an exec
/// of bubblewrap whose arguments go in memory files again (<see cref="ArgumentTransport.BwrapArgumentFiles"/>).
/// </summary>
/// <param name="Squashfuse">The squashfuse binary, when there are mounts.</param>
/// <param name="Mounts">Images to mount, in order.</param>
/// <param name="DropCapabilities">Drop every capability before the exec.</param>
/// <param name="Launch">The program to exec.</param>
internal sealed record InnerStepRequest(string? Squashfuse, IReadOnlyList<ImageMount> Mounts, bool DropCapabilities, ProgramLaunch Launch)
{
    /// <summary>The view of the prefix to set up before the images are mounted, or null.</summary>
    public PrefixView? View { get; init; }

    /// <summary>First argument that selects the inner step.</summary>
    public const string Marker = "--tykky-inner";

    /// <summary>Second argument of the form that reads the request from a file descriptor.</summary>
    public const string RequestDescriptorOption = "--request-fd";

    /// <summary>Bounds the candidates of a search so a damaged request cannot make us read past the end.</summary>
    private const int MaxSearchCandidates = 16;

    /// <summary>The launcher arguments (after argv[0]) for this request.</summary>
    public IReadOnlyList<string> Encode()
    {
        var args = new List<string> { Marker };
        if (Squashfuse is not null)
        {
            args.AddRange(["--squashfuse", Squashfuse]);
        }
        if (View is not null)
        {
            args.AddRange(["--prefix-view", View.Prefix, View.Generation]);
        }
        foreach (var mount in Mounts)
        {
            args.AddRange(["--mount", mount.Image, mount.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture), mount.Destination]);
        }
        if (DropCapabilities)
        {
            args.Add("--drop-caps");
        }
        if (Launch.DescriptorsToClose.Count > 0)
        {
            args.AddRange(["--close-fds", string.Join(',', Launch.DescriptorsToClose)]);
        }
        args.AddRange(Launch.Target switch
        {
            ProgramPath path => [ExecPathOption(Launch.Transport), path.Path, Launch.Argv0 ?? path.Path],
            CommandSearch search => ["--exec-search", search.Candidates.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), .. search.Candidates],
            _ => throw new System.Diagnostics.UnreachableException($"exec target {Launch.Target.GetType().Name}"),
        });
        args.AddRange(Launch.Arguments);
        return args;
    }

    /// <summary>The option of an exec by path for each transport of its arguments.</summary>
    private static string ExecPathOption(ArgumentTransport transport) => transport switch
    {
        ArgumentTransport.Argv => "--exec-path",
        ArgumentTransport.BwrapArgumentFiles => "--exec-bwrap",
    };

    /// <summary>Decodes the launcher arguments written by <see cref="Encode"/> (and escaped by <see cref="ArgumentEscaping.Protect"/>).</summary>
    public static InnerStepRequest Decode(IReadOnlyList<string> args)
    {
        var reader = new ArgumentReader(ArgumentEscaping.Restore(args) ?? throw BadRequest("malformed --escaped argument"));
        reader.Expect(Marker);
        string? squashfuse = null;
        PrefixView? view = null;
        var mounts = new List<ImageMount>();
        var dropCapabilities = false;
        IReadOnlyList<int> descriptorsToClose = [];
        while (true)
        {
            var option = reader.Next();
            switch (option)
            {
                case "--squashfuse":
                    squashfuse = reader.Next();
                    break;
                case "--prefix-view":
                    view = new PrefixView(reader.Next(), reader.Next());
                    break;
                case "--mount":
                    var image = reader.Next();
                    var offset = long.TryParse(reader.Next(), out var value) ? value : throw reader.Invalid("offset is not a number");
                    mounts.Add(new ImageMount(image, reader.Next(), offset));
                    break;
                case "--drop-caps":
                    dropCapabilities = true;
                    break;
                case "--close-fds":
                    descriptorsToClose = ParseDescriptors(reader.Next()) ?? throw reader.Invalid("--close-fds takes numbers from 0 to 2");
                    break;
                case "--exec-path" or "--exec-bwrap":
                    var path = reader.Next();
                    var transport = option == "--exec-path" ? ArgumentTransport.Argv : ArgumentTransport.BwrapArgumentFiles;
                    return new InnerStepRequest(squashfuse, mounts, dropCapabilities,
                        new ProgramLaunch(new ProgramPath(path), reader.Next(), reader.Rest()) { DescriptorsToClose = descriptorsToClose, Transport = transport })
                    { View = view };
                case "--exec-search":
                    var count = int.TryParse(reader.Next(), out var n) && n is > 0 and <= MaxSearchCandidates ? n : throw reader.Invalid("bad candidate count");
                    var candidates = Enumerable.Range(0, count).Select(_ => reader.Next()).ToArray();
                    return new InnerStepRequest(squashfuse, mounts, dropCapabilities,
                        new ProgramLaunch(new CommandSearch(candidates), null, reader.Rest()) { DescriptorsToClose = descriptorsToClose })
                    { View = view };
                default:
                    throw reader.Invalid($"unknown option '{option}'");
            }
        }
    }

    /// <summary>"0,2" → [0, 2]; null unless every entry is one of the standard descriptors.</summary>
    private static int[]? ParseDescriptors(string list)
    {
        var parts = list.Split(',');
        return parts.All(p => p is "0" or "1" or "2") ? parts.Select(int.Parse).ToArray() : null;
    }

    private sealed class ArgumentReader(IReadOnlyList<string> args)
    {
        private int _next;

        public void Expect(string value)
        {
            if (Next() != value)
            {
                throw Invalid($"expected '{value}'");
            }
        }

        public string Next() => _next < args.Count ? args[_next++] : throw Invalid("arguments end too early");

        public IReadOnlyList<string> Rest() => args.Skip(_next).ToArray();

        public LaunchException Invalid(string why) => BadRequest(why);
    }

    /// <summary>The error for a request this launcher did not write.</summary>
    public static LaunchException BadRequest(string why) =>
        new("bad inner-step arguments", Marker, $"{why}; this launcher starts itself this way, do not call it by hand", ExitCode.Usage);
}
