using System.Text;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>One call recorded by the recording-apptainer test double.</summary>
/// <param name="Argv">argv, argv[0] first, as raw bytes decoded as UTF-8.</param>
/// <param name="Environment">The environment it received.</param>
/// <param name="RawArgv">The argv bytes, for byte-exact checks.</param>
/// <param name="InsideArgv">For exec: the argv the container's first process would get from a real apptainer (invalid UTF-8 replaced by U+FFFD).</param>
/// <param name="Binds">For exec: the bind-list entries a real apptainer would mount (the first of each destination).</param>
public sealed record RecordedCall(IReadOnlyList<string> Argv, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<byte[]> RawArgv,
    IReadOnlyList<byte[]> InsideArgv, IReadOnlyList<string> Binds);

/// <summary>
/// The recording-apptainer TEST DOUBLE (tests/fixtures/recording-apptainer): it runs no container,
/// it records argv, environment and working directory, and what a real apptainer 1.1.9 would mount and
/// pass to the container's first process (which it runs on the host with RECORDING_EXEC_INSIDE). Apptainer cannot be installed here; what a real
/// one does is in shared/reference/apptainer-observed.md.
/// </summary>
public sealed class RecordingRuntime(TempDir scratch, string flavor = "apptainer")
{
    /// <summary>The double's path (recording-apptainer or recording-singularity).</summary>
    public string Executable => Path.Join(ToolTree.RepositoryRoot, "tests", "fixtures", $"recording-{flavor}");

    /// <summary>Where calls are recorded.</summary>
    public string Directory { get; } = System.IO.Directory.CreateDirectory(scratch[$"recordings-{flavor}"]).FullName;

    /// <summary>The environment a process needs so that the double can record (RECORDING_DIR).</summary>
    public Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? more = null)
    {
        var environment = new Dictionary<string, string?>(more ?? new Dictionary<string, string?>()) { ["RECORDING_DIR"] = Directory };
        return environment;
    }

    /// <summary>Removes earlier recordings.</summary>
    public void Clear()
    {
        foreach (var call in System.IO.Directory.EnumerateDirectories(Directory))
        {
            System.IO.Directory.Delete(call, recursive: true);
        }
    }

    /// <summary>The one call recorded since the last <see cref="Clear"/>.</summary>
    public RecordedCall SingleCall()
    {
        var call = Assert.Single(System.IO.Directory.EnumerateDirectories(Directory));
        var raw = NulSeparated.Split(File.ReadAllBytes(Path.Join(call, "argv")));
        var environment = NulSeparated.Split(File.ReadAllBytes(Path.Join(call, "env"))).Select(Encoding.UTF8.GetString)
            .Select(e => (Name: e[..e.IndexOf('=')], Value: e[(e.IndexOf('=') + 1)..]))
            .ToDictionary(e => e.Name, e => e.Value);
        var inside = File.Exists(Path.Join(call, "inside-argv")) ? NulSeparated.Split(File.ReadAllBytes(Path.Join(call, "inside-argv"))) : [];
        var binds = File.Exists(Path.Join(call, "binds")) ? NulSeparated.Split(File.ReadAllBytes(Path.Join(call, "binds"))).Select(Encoding.UTF8.GetString).ToArray() : [];
        return new RecordedCall(raw.Select(Encoding.UTF8.GetString).ToArray(), environment, raw, inside, binds);
    }
}
