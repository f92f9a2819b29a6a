using System.Text;
using System.Text.Json;
using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Tests.Fixtures;
using Tykky.Tests;

namespace Tykky.Launcher.Tests;

/// <summary>Reading tykky.json: a valid manifest parses; every damaged or newer one is one clear line.</summary>
public class ManifestReaderSpecs
{
    private const string ManifestPath = "/home/user/env/tykky.json";

    private const string Complete = """
        {
          "schemaVersion": 1,
          "toolVersion": "0.1.0",
          "installationId": "3f2a9c0e",
          "installationPath": "/LOCAL_TYKKY",
          "runtime": { "kind": "bwrap", "executable": "/usr/bin/bwrap", "version": "0.8.0", "squashfuse": "/usr/bin/squashfuse" },
          "image": { "path": "img.sqfs", "kind": "squashfs" },
          "container": { "path": "container.sif", "defaultPath": "/usr/bin:/bin", "defaultLdLibraryPath": "/usr/lib" },
          "isolate": true,
          "mountPoints": [ "/scratch", "/projappl" ],
          "excludedMountPoints": [ "/appl" ],
          "gpu": "nvidia",
          "environment": [
            { "action": "prepend", "name": "PATH", "value": "/LOCAL_TYKKY/bin" },
            { "action": "unset", "name": "PYTHONHOME" }
          ]
        }
        """;

    private const string Minimal = """
        {
          "schemaVersion": 1,
          "toolVersion": "0.1.0",
          "installationId": "3f2a9c0e",
          "installationPath": "/LOCAL_TYKKY",
          "runtime": { "kind": "bwrap", "executable": "/usr/bin/bwrap" }
        }
        """;

    [Fact]
    public void A_complete_manifest_is_read_field_by_field()
    {
        // Act
        var manifest = Parse(Complete);

        // Assert
        Assert.Equal(1, manifest.SchemaVersion);
        Assert.Equal("0.1.0", manifest.ToolVersion);
        Assert.Equal("3f2a9c0e", manifest.InstallationId);
        Assert.Equal("/LOCAL_TYKKY", manifest.InstallationPath);
        Assert.Equal(new RuntimeSpec { Kind = RuntimeKind.Bwrap, Executable = "/usr/bin/bwrap", Version = "0.8.0", Squashfuse = "/usr/bin/squashfuse" }, manifest.Runtime);
        Assert.Equal(new ImageSpec { Path = "img.sqfs", Kind = ImageKind.Squashfs }, manifest.Image);
        Assert.Equal(new ContainerSpec { Path = "container.sif", DefaultPath = "/usr/bin:/bin", DefaultLdLibraryPath = "/usr/lib" }, manifest.Container);
        Assert.True(manifest.Isolate);
        Assert.Equal(["/scratch", "/projappl"], manifest.MountPoints);
        Assert.Equal(["/appl"], manifest.ExcludedMountPoints);
        Assert.Equal(GpuMode.Nvidia, manifest.Gpu);
        Assert.Equal(
            [new EnvironmentChange { Action = EnvironmentAction.Prepend, Name = "PATH", Value = "/LOCAL_TYKKY/bin" }, new EnvironmentChange { Action = EnvironmentAction.Unset, Name = "PYTHONHOME" }],
            manifest.Environment);
    }

    [Fact]
    public void Absent_optional_fields_take_their_defaults_and_absent_lists_are_empty()
    {
        // Act
        var manifest = Parse(Minimal);

        // Assert
        Assert.Null(manifest.Image);
        Assert.Null(manifest.Container);
        Assert.Null(manifest.Runtime.Squashfuse);
        Assert.False(manifest.Isolate);
        Assert.Equal(GpuMode.None, manifest.Gpu);
        Assert.Empty(manifest.MountPoints);
        Assert.Empty(manifest.ExcludedMountPoints);
        Assert.Empty(manifest.Environment);
    }

    [Fact]
    public void Null_lists_are_empty_and_a_null_value_is_an_empty_string()
    {
        // Arrange
        var json = Minimal.TrimEnd().TrimEnd('}') +
            """, "mountPoints": null, "excludedMountPoints": null, "environment": [ { "action": "set", "name": "EMPTY", "value": null } ] }""";

        // Act
        var manifest = Parse(json);

        // Assert
        Assert.Empty(manifest.MountPoints);
        Assert.Empty(manifest.ExcludedMountPoints);
        Assert.Equal("", Assert.Single(manifest.Environment).Value);
    }

    [Fact]
    public void Unknown_fields_of_the_same_schema_are_ignored()
    {
        // Arrange
        var json = Minimal.TrimEnd().TrimEnd('}') + """, "comment": "written by hand", "extra": { "a": [1, 2] } }""";

        // Act
        var manifest = Parse(json);

        // Assert
        Assert.Equal("/LOCAL_TYKKY", manifest.InstallationPath);
    }

    [Fact]
    public void What_the_builder_writes_reads_back_the_same()
    {
        // Arrange
        var written = Launches.Manifest() with
        {
            MountPoints = ["/scratch"],
            Gpu = GpuMode.Amd,
            Environment = [new EnvironmentChange { Action = EnvironmentAction.Append, Name = "P", Value = "${X}/y \\$z" }],
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(written, ManifestJsonContext.Default.InstallationManifest);

        // Act
        var read = ManifestReader.Parse(bytes, ManifestPath);

        // Assert
        Assert.Equal(written.Runtime, read.Runtime);
        Assert.Equal(written.Image, read.Image);
        Assert.Equal(written.MountPoints, read.MountPoints);
        Assert.Equal(written.Environment, read.Environment);
        Assert.Equal(written.Programs, read.Programs);
        Assert.Equal(written with { MountPoints = read.MountPoints, ExcludedMountPoints = read.ExcludedMountPoints, Environment = read.Environment, Programs = read.Programs }, read);
    }

    /// <summary>Manifests holding every property and every enum value the builder can write.</summary>
    public static TheoryData<string, InstallationManifest> EveryShape()
    {
        var conda = new CondaActivation
        {
            Mode = CondaActivationMode.Captured,
            CondaExecutable = "/LOCAL_TYKKY/miniforge/bin/conda",
            EnvironmentPath = "/LOCAL_TYKKY/miniforge/envs/env1",
            Reason = "no activate.d script",
            Changes = [new EnvironmentChange { Action = EnvironmentAction.Set, Name = "CONDA_PREFIX", Value = "/LOCAL_TYKKY/miniforge/envs/env1" }],
        };
        var container = new ContainerSpec
        {
            Path = "container.sif",
            Kind = ContainerKind.Squashfs,
            Offset = 36864,
            RootEntries = [new RootEntry("usr"), new RootEntry("bin", "usr/bin")],
            DefaultPath = "/usr/bin:/bin",
            DefaultLdLibraryPath = "/usr/lib",
        };
        var full = Launches.Manifest() with
        {
            Runtime = new RuntimeSpec { Kind = RuntimeKind.Apptainer, Executable = "/usr/bin/apptainer", Version = "1.1.9" },
            Image = new ImageSpec { Path = "img.sqfs", Kind = ImageKind.Directory },
            Container = container,
            Isolate = true,
            MountPoints = ["/scratch", "/pro\"jappl"],
            ExcludedMountPoints = ["/appl"],
            Gpu = GpuMode.Auto,
            Environment = [.. Enum.GetValues<EnvironmentAction>().Select(a => new EnvironmentChange { Action = a, Name = $"V_{a}", Value = "${HOME}/x \\$y \u00e9" })],
            Conda = conda,
            SharedMount = new SharedMountSpec { IdleSeconds = 60 },
            Programs = new Dictionary<string, string> { ["python3"] = "/LOCAL_TYKKY/bin/python3", ["_debug_exec"] = "../tykky-launcher", ["caf\u00e9 \"x\""] = "/LOCAL_TYKKY/bin/caf\u00e9" },
        };
        var shapes = new TheoryData<string, InstallationManifest> { { "minimal", Launches.Manifest() with { Image = null } }, { "full", full } };
        foreach (var kind in Enum.GetValues<RuntimeKind>()) shapes.Add($"runtime {kind}", full with { Runtime = full.Runtime with { Kind = kind } });
        foreach (var kind in Enum.GetValues<ImageKind>()) shapes.Add($"image {kind}", full with { Image = full.Image! with { Kind = kind } });
        foreach (var kind in Enum.GetValues<ContainerKind>()) shapes.Add($"container {kind}", full with { Container = container with { Kind = kind } });
        foreach (var gpu in Enum.GetValues<GpuMode>()) shapes.Add($"gpu {gpu}", full with { Gpu = gpu });
        foreach (var mode in Enum.GetValues<CondaActivationMode>()) shapes.Add($"conda {mode}", full with { Conda = conda with { Mode = mode } });
        return shapes;
    }

    [Theory]
    [MemberData(nameof(EveryShape))]
    public void Every_shape_the_builder_writes_reads_back_to_the_same_bytes(string shape, InstallationManifest written)
    {
        // Arrange
        var bytes = JsonSerializer.SerializeToUtf8Bytes(written, ManifestJsonContext.Default.InstallationManifest);

        // Act
        var read = ManifestReader.Parse(bytes, ManifestPath);

        // Assert
        Assert.True(bytes.AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(read, ManifestJsonContext.Default.InstallationManifest)), shape);
    }

    public static TheoryData<string, string> HandWritten() => new()
    {
        { "complete", Complete },
        { "minimal", Minimal },
        { "null lists and values", Minimal.TrimEnd().TrimEnd('}') + """, "mountPoints": null, "image": null, "environment": [ { "action": "set", "name": "E", "value": null } ], "programs": null }""" },
        { "programs", Minimal.TrimEnd().TrimEnd('}') + """, "programs": { "python": "/LOCAL_TYKKY/bin/python3", "p\u0069p": "/x", "python": "/y" } }""" },
        { "unknown fields", Minimal.TrimEnd().TrimEnd('}') + """, "comment": "x", "extra": { "a": [1, { "b": null }] }, "isolate": true }""" },
        { "escaped names and values", Minimal.Replace("\"installationPath\"", "\"installation\\u0050ath\"").Replace("/LOCAL_TYKKY", "\\/LOCAL\\u005fTYKKY") },
        { "a repeated property", Minimal.TrimEnd().TrimEnd('}') + """, "gpu": "amd", "gpu": "nvidia" }""" },
    };

    [Theory]
    [MemberData(nameof(HandWritten))]
    public void A_hand_written_manifest_reads_as_the_serializer_reads_it(string shape, string json)
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes(json);
        var bySerializer = JsonSerializer.Deserialize(bytes, ManifestJsonContext.Default.InstallationManifest);

        // Act
        var read = ManifestReader.Parse(bytes, ManifestPath);

        // Assert
        Assert.True(JsonSerializer.Serialize(bySerializer, ManifestJsonContext.Default.InstallationManifest) == JsonSerializer.Serialize(read, ManifestJsonContext.Default.InstallationManifest), shape);
    }

    public sealed record Case(string Name, string Json, string Error)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Damaged() =>
    [
        new("Truncated JSON is damaged", Complete[..120], "tykky: manifest is damaged '/home/user/env/tykky.json': "),
        new("An empty file is damaged", "", "tykky: manifest is damaged '/home/user/env/tykky.json': "),
        new("A JSON null is damaged for want of a schemaVersion", "null", "manifest is damaged '/home/user/env/tykky.json': no schemaVersion; rebuild the installation"),
        new("A manifest without schemaVersion is damaged", "{}", "manifest is damaged '/home/user/env/tykky.json': no schemaVersion; rebuild the installation"),
        new("schemaVersion 0 is damaged", Minimal.Replace("\"schemaVersion\": 1", "\"schemaVersion\": 0"), "no schemaVersion"),
        new("A schemaVersion that is not a number is damaged", Minimal.Replace("\"schemaVersion\": 1", "\"schemaVersion\": \"1\""), "manifest is damaged"),
        new("A missing required field is damaged and named", Minimal.Replace("\"installationId\": \"3f2a9c0e\",", ""), "installationId"),
        new("A missing runtime executable is damaged and named", Minimal.Replace(", \"executable\": \"/usr/bin/bwrap\"", ""), "executable"),
        new("An unknown runtime kind is damaged", Minimal.Replace("\"bwrap\"", "\"docker\""), "manifest is damaged"),
        new("A list where a string belongs is damaged", Minimal.Replace("\"/LOCAL_TYKKY\"", "[\"/LOCAL_TYKKY\"]"), "manifest is damaged"),
        new("A top-level array is damaged", "[1]", "manifest is damaged"),
        new("Programs that are not an object are damaged and named", Minimal.TrimEnd().TrimEnd('}') + """, "programs": ["python"] }""", "'programs' must be an object"),
        new("A program that is not a path is damaged and named", Minimal.TrimEnd().TrimEnd('}') + """, "programs": { "python": 3 } }""", "'programs' must be an object of strings"),
        new("A schema newer than this launcher is refused with both versions",
            Minimal.Replace("\"schemaVersion\": 1", "\"schemaVersion\": 99"),
            "tykky: manifest is newer than this launcher '/home/user/env/tykky.json': schema 99, this launcher reads up to 1; rebuild the installation or use the Tykky that made it"),
        // The version check comes first, so a newer schema with fields this launcher cannot read still says "newer".
        new("A newer schema with an unknown shape is still reported as newer", """{ "schemaVersion": 2, "runtime": "something else" }""", "manifest is newer than this launcher"),
    ];

    [Theory]
    [MemberData(nameof(Damaged))]
    public void A_bad_manifest_is_one_line_naming_the_file(Case row)
    {
        var failure = Assert.Throws<LaunchException>(() => Parse(row.Json));

        Assert.Contains(row.Error, failure.ToLine(), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.ToLine());
        Assert.Equal(ExitCode.Config, failure.ExitCode);
    }

    [Fact]
    public void A_missing_manifest_file_cannot_be_read()
    {
        // Arrange
        using var directory = new TempDir("manifest");
        var path = directory["tykky.json"];

        // Act
        var failure = Assert.Throws<LaunchException>(() => ManifestReader.Read(path));

        // Assert
        Assert.StartsWith($"tykky: cannot read manifest '{path}': ", failure.ToLine(), StringComparison.Ordinal);
        Assert.EndsWith("; is this a complete Tykky installation?", failure.ToLine(), StringComparison.Ordinal);
        Assert.Equal(ExitCode.Config, failure.ExitCode);
    }

    [Fact]
    public void A_manifest_file_on_disk_is_read()
    {
        // Arrange
        using var directory = new TempDir("manifest");
        var path = directory.Write("tykky.json", Minimal);

        // Act
        var manifest = ManifestReader.Read(path);

        // Assert
        Assert.Equal("3f2a9c0e", manifest.InstallationId);
    }

    [Fact]
    public void A_launch_reads_only_its_own_program_of_the_manifest()
    {
        // Arrange
        var json = Minimal.TrimEnd().TrimEnd('}') + """, "programs": { "python": "/LOCAL_TYKKY/bin/python3", "pip": "/LOCAL_TYKKY/bin/pip" } }""";

        // Act
        var own = ManifestReader.Parse(Encoding.UTF8.GetBytes(json), ManifestPath, "pip");
        var absent = ManifestReader.Parse(Encoding.UTF8.GetBytes(json), ManifestPath, "conda");

        // Assert
        Assert.Equal(new Dictionary<string, string> { ["pip"] = "/LOCAL_TYKKY/bin/pip" }, own.Programs);
        Assert.Empty(absent.Programs);
        Assert.Contains("'programs' must be an object of strings",
            Assert.Throws<LaunchException>(() => ManifestReader.Parse(Encoding.UTF8.GetBytes(json.Replace("\"/LOCAL_TYKKY/bin/pip\"", "null")), ManifestPath, "python")).ToLine());
    }

    [Fact]
    public void A_manifest_longer_than_one_read_is_read_whole()
    {
        // Arrange: a read of a regular file that returns less than asked is its end; a full one is not
        using var directory = new TempDir("manifest");
        var programs = string.Join(", ", Enumerable.Range(0, 1500).Select(i => $"\"program{i}\": \"/LOCAL_TYKKY/bin/program{i}\""));
        var path = directory.Write("tykky.json", Minimal.TrimEnd().TrimEnd('}') + $$""", "programs": { {{programs}} } }""");
        Assert.True(new FileInfo(path).Length > 2 * 32 * 1024, "more than the first read and the buffer's first doubling");

        // Act
        var manifest = ManifestReader.Read(path);

        // Assert
        Assert.Equal(1500, manifest.Programs.Count);
        Assert.Equal("/LOCAL_TYKKY/bin/program1499", manifest.Programs["program1499"]);
    }

    private static InstallationManifest Parse(string json) => ManifestReader.Parse(Encoding.UTF8.GetBytes(json), ManifestPath);
}
