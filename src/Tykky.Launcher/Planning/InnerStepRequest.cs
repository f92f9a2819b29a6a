using Tykky.Launcher.Diagnostics;

namespace Tykky.Launcher.Planning;

/// <summary>
/// What the launcher does as the first process inside the sandbox: mount images with squashfuse, drop
/// its capabilities, and exec the program with the right argv[0] (bubblewrap 0.8 has no --argv0, and
/// images need not contain a shell). It travels as the launcher's own argv, so nothing is re-quoted:
/// <code>
/// tykky-launcher --tykky-inner [--squashfuse PATH] [--mount IMAGE OFFSET DIR]... [--drop-caps]
///                (--exec-path PATH ARGV0 | --exec-search N NAME1..NAMEN) ARGS...
/// </code>
/// </summary>
/// <param name="Squashfuse">The squashfuse binary, when there are mounts.</param>
/// <param name="Mounts">Images to mount, in order.</param>
/// <param name="DropCapabilities">Drop every capability before the exec.</param>
/// <param name="Launch">The program to exec.</param>
internal sealed record InnerStepRequest(string? Squashfuse, IReadOnlyList<ImageMount> Mounts, bool DropCapabilities, ProgramLaunch Launch)
{
    /// <summary>First argument that selects the inner step.</summary>
    public const string Marker = "--tykky-inner";

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
        foreach (var mount in Mounts)
        {
            args.AddRange(["--mount", mount.Image, mount.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture), mount.Destination]);
        }
        if (DropCapabilities)
        {
            args.Add("--drop-caps");
        }
        args.AddRange(Launch.Target switch
        {
            ProgramPath path => ["--exec-path", path.Path, Launch.Argv0 ?? path.Path],
            CommandSearch search => ["--exec-search", search.Candidates.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), .. search.Candidates],
            _ => throw new System.Diagnostics.UnreachableException($"exec target {Launch.Target.GetType().Name}"),
        });
        args.AddRange(Launch.Arguments);
        return args;
    }

    /// <summary>Decodes the launcher arguments written by <see cref="Encode"/>.</summary>
    public static InnerStepRequest Decode(IReadOnlyList<string> args)
    {
        var reader = new ArgumentReader(args);
        reader.Expect(Marker);
        string? squashfuse = null;
        var mounts = new List<ImageMount>();
        var dropCapabilities = false;
        while (true)
        {
            switch (reader.Next())
            {
                case "--squashfuse":
                    squashfuse = reader.Next();
                    break;
                case "--mount":
                    var image = reader.Next();
                    var offset = long.TryParse(reader.Next(), out var value) ? value : throw reader.Invalid("offset is not a number");
                    mounts.Add(new ImageMount(image, reader.Next(), offset));
                    break;
                case "--drop-caps":
                    dropCapabilities = true;
                    break;
                case "--exec-path":
                    var path = reader.Next();
                    return new InnerStepRequest(squashfuse, mounts, dropCapabilities, new ProgramLaunch(new ProgramPath(path), reader.Next(), reader.Rest()));
                case "--exec-search":
                    var count = int.TryParse(reader.Next(), out var n) && n is > 0 and <= MaxSearchCandidates ? n : throw reader.Invalid("bad candidate count");
                    var candidates = Enumerable.Range(0, count).Select(_ => reader.Next()).ToArray();
                    return new InnerStepRequest(squashfuse, mounts, dropCapabilities, new ProgramLaunch(new CommandSearch(candidates), null, reader.Rest()));
                case var other:
                    throw reader.Invalid($"unknown option '{other}'");
            }
        }
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

        public LaunchException Invalid(string why) =>
            new("bad inner-step arguments", Marker, $"{why}; this launcher starts itself this way, do not call it by hand", ExitCode.Usage);
    }
}
