using System.Text;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>One call recorded by the recording-apptainer test double.</summary>
/// <param name="Argv">argv, argv[0] first, as raw bytes decoded as UTF-8.</param>
/// <param name="Environment">The environment it received.</param>
/// <param name="RawArgv">The argv bytes, for byte-exact checks.</param>
public sealed record RecordedCall(IReadOnlyList<string> Argv, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<byte[]> RawArgv);

/// <summary>
/// The recording-apptainer TEST DOUBLE (tests/fixtures/recording-apptainer): it runs no container,
/// it records argv, environment and working directory. Apptainer cannot be installed here; what a real
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
        return new RecordedCall(raw.Select(Encoding.UTF8.GetString).ToArray(), environment, raw);
    }
}
