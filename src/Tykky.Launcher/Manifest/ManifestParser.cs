using System.Text;
using System.Text.Json;

namespace Tykky.Launcher.Manifest;

/// <summary>
/// Reads manifest JSON token by token into the records of <see cref="InstallationManifest"/>. The
/// launcher reads one small manifest per process start, and the source-generated serializer builds
/// its metadata for every type on first use: ~115 of the ~375 page faults of a launch (measured by
/// bench/pfs.sh), against ~1 for this reader. The builder writes with <see cref="ManifestJsonContext"/>;
/// a test reads every shape it writes both ways and compares.
/// </summary>
/// <remarks>
/// What the serializer's options mean, kept here: property names are camelCase and matched exactly,
/// unknown properties are skipped, absent or null optional values take their defaults (empty for
/// lists), a missing required property or a value of the wrong kind is a <see cref="JsonException"/>
/// naming it, and enums are their lower-case names.
/// </remarks>
internal static class ManifestParser
{
    /// <summary>The top-level <c>schemaVersion</c>, or 0 when the document has none; read before the rest so a newer schema is named as such.</summary>
    public static int SchemaVersion(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return reader.TokenType == JsonTokenType.StartArray ? throw new JsonException("the document is not an object") : 0;
        }
        while (NextProperty(ref reader, out var property))
        {
            if (property.SequenceEqual("schemaVersion"u8))
            {
                return Int32(ref reader, "schemaVersion");
            }
            reader.Skip();
        }
        return 0;
    }

    /// <summary>
    /// The whole manifest; the document must be one object and nothing after it. With
    /// <paramref name="onlyProgram"/>, <see cref="InstallationManifest.Programs"/> holds that one
    /// program (when it is there): a launch needs its own, and an installation may have hundreds,
    /// each two strings to make (measured: 45 page faults a launch for 500).
    /// </summary>
    public static InstallationManifest Manifest(ReadOnlySpan<byte> json, string? onlyProgram = null)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        var wanted = onlyProgram is null ? null : Encoding.UTF8.GetBytes(onlyProgram);
        var manifest = Object(ref reader, "the manifest", (ref Utf8JsonReader r) => ReadManifest(ref r, wanted)) ?? throw new JsonException("the document is null");
        return reader.Read() ? throw new JsonException("content after the manifest") : manifest;
    }

    private delegate T ObjectReader<out T>(ref Utf8JsonReader reader);

    private static InstallationManifest ReadManifest(ref Utf8JsonReader reader, byte[]? onlyProgram)
    {
        int? schemaVersion = null;
        string? toolVersion = null, installationId = null, installationPath = null;
        RuntimeSpec? runtime = null;
        ImageSpec? image = null;
        ContainerSpec? container = null;
        var isolate = false;
        IReadOnlyList<string>? mountPoints = null, excludedMountPoints = null;
        var gpu = GpuMode.None;
        IReadOnlyList<EnvironmentChange>? environment = null;
        CondaActivation? conda = null;
        SharedMountSpec? sharedMount = null;
        IReadOnlyDictionary<string, string>? programs = null;
        while (NextProperty(ref reader, out var property))
        {
            if (property.SequenceEqual("schemaVersion"u8)) schemaVersion = Int32(ref reader, "schemaVersion");
            else if (property.SequenceEqual("toolVersion"u8)) toolVersion = String(ref reader, "toolVersion");
            else if (property.SequenceEqual("installationId"u8)) installationId = String(ref reader, "installationId");
            else if (property.SequenceEqual("installationPath"u8)) installationPath = String(ref reader, "installationPath");
            else if (property.SequenceEqual("runtime"u8)) runtime = Object(ref reader, "runtime", ReadRuntime);
            else if (property.SequenceEqual("image"u8)) image = Object(ref reader, "image", ReadImage);
            else if (property.SequenceEqual("container"u8)) container = Object(ref reader, "container", ReadContainer);
            else if (property.SequenceEqual("isolate"u8)) isolate = Boolean(ref reader, "isolate");
            else if (property.SequenceEqual("mountPoints"u8)) mountPoints = Strings(ref reader, "mountPoints");
            else if (property.SequenceEqual("excludedMountPoints"u8)) excludedMountPoints = Strings(ref reader, "excludedMountPoints");
            else if (property.SequenceEqual("gpu"u8)) gpu = Gpu(String(ref reader, "gpu"));
            else if (property.SequenceEqual("environment"u8)) environment = Objects(ref reader, "environment", ReadEnvironmentChange);
            else if (property.SequenceEqual("conda"u8)) conda = Object(ref reader, "conda", ReadConda);
            else if (property.SequenceEqual("sharedMount"u8)) sharedMount = Object(ref reader, "sharedMount", ReadSharedMount);
            else if (property.SequenceEqual("programs"u8)) programs = StringMap(ref reader, "programs", onlyProgram);
            else reader.Skip();
        }
        return new InstallationManifest
        {
            SchemaVersion = Required(schemaVersion, "schemaVersion"),
            ToolVersion = Required(toolVersion, "toolVersion"),
            InstallationId = Required(installationId, "installationId"),
            InstallationPath = Required(installationPath, "installationPath"),
            Runtime = Required(runtime, "runtime"),
            Image = image,
            Container = container,
            Isolate = isolate,
            MountPoints = mountPoints!,
            ExcludedMountPoints = excludedMountPoints!,
            Gpu = gpu,
            Environment = environment!,
            Conda = conda,
            SharedMount = sharedMount,
            Programs = programs!,
        };
    }

    private static RuntimeSpec ReadRuntime(ref Utf8JsonReader reader)
    {
        RuntimeKind? kind = null;
        string? executable = null, version = null, squashfuse = null;
        while (NextProperty(ref reader, out var property))
        {
            if (property.SequenceEqual("kind"u8)) kind = Runtime(String(ref reader, "runtime.kind"));
            else if (property.SequenceEqual("executable"u8)) executable = String(ref reader, "runtime.executable");
            else if (property.SequenceEqual("version"u8)) version = String(ref reader, "runtime.version");
            else if (property.SequenceEqual("squashfuse"u8)) squashfuse = String(ref reader, "runtime.squashfuse");
            else reader.Skip();
        }
        return new RuntimeSpec { Kind = Required(kind, "runtime.kind"), Executable = Required(executable, "runtime.executable"), Version = version, Squashfuse = squashfuse };
    }

    private static ImageSpec ReadImage(ref Utf8JsonReader reader)
    {
        string? path = null;
        var kind = ImageKind.Squashfs;
        while (NextProperty(ref reader, out var property))
        {
            if (property.SequenceEqual("path"u8)) path = String(ref reader, "image.path");
            else if (property.SequenceEqual("kind"u8)) kind = Image(String(ref reader, "image.kind"));
            else reader.Skip();
        }
        return new ImageSpec { Path = Required(path, "image.path"), Kind = kind };
    }

    private static ContainerSpec ReadContainer(ref Utf8JsonReader reader)
    {
        string? path = null, defaultPath = null, defaultLdLibraryPath = null;
        var kind = ContainerKind.Sif;
        long offset = 0;
        IReadOnlyList<RootEntry>? rootEntries = null;
        while (NextProperty(ref reader, out var property))
        {
            if (property.SequenceEqual("path"u8)) path = String(ref reader, "container.path");
            else if (property.SequenceEqual("kind"u8)) kind = Container(String(ref reader, "container.kind"));
            else if (property.SequenceEqual("offset"u8)) offset = Int64(ref reader, "container.offset");
            else if (property.SequenceEqual("rootEntries"u8)) rootEntries = Objects(ref reader, "container.rootEntries", ReadRootEntry);
            else if (property.SequenceEqual("defaultPath"u8)) defaultPath = String(ref reader, "container.defaultPath");
            else if (property.SequenceEqual("defaultLdLibraryPath"u8)) defaultLdLibraryPath = String(ref reader, "container.defaultLdLibraryPath");
            else reader.Skip();
        }
        return new ContainerSpec
        {
            Path = Required(path, "container.path"),
            Kind = kind,
            Offset = offset,
            RootEntries = rootEntries!,
            DefaultPath = defaultPath,
            DefaultLdLibraryPath = defaultLdLibraryPath,
        };
    }

    private static RootEntry ReadRootEntry(ref Utf8JsonReader reader)
    {
        string? name = null, linkTarget = null;
        while (NextProperty(ref reader, out var property))
        {
            if (property.SequenceEqual("name"u8)) name = String(ref reader, "container.rootEntries.name");
            else if (property.SequenceEqual("linkTarget"u8)) linkTarget = String(ref reader, "container.rootEntries.linkTarget");
            else reader.Skip();
        }
        return new RootEntry(Required(name, "container.rootEntries.name"), linkTarget);
    }

    private static EnvironmentChange ReadEnvironmentChange(ref Utf8JsonReader reader)
    {
        EnvironmentAction? action = null;
        string? name = null, value = null;
        while (NextProperty(ref reader, out var property))
        {
            if (property.SequenceEqual("action"u8)) action = Action(String(ref reader, "environment.action"));
            else if (property.SequenceEqual("name"u8)) name = String(ref reader, "environment.name");
            else if (property.SequenceEqual("value"u8)) value = String(ref reader, "environment.value");
            else reader.Skip();
        }
        return new EnvironmentChange { Action = Required(action, "environment.action"), Name = Required(name, "environment.name"), Value = value! };
    }

    private static CondaActivation ReadConda(ref Utf8JsonReader reader)
    {
        CondaActivationMode? mode = null;
        string? condaExecutable = null, environmentPath = null, reason = null;
        IReadOnlyList<EnvironmentChange>? changes = null;
        while (NextProperty(ref reader, out var property))
        {
            if (property.SequenceEqual("mode"u8)) mode = Activation(String(ref reader, "conda.mode"));
            else if (property.SequenceEqual("condaExecutable"u8)) condaExecutable = String(ref reader, "conda.condaExecutable");
            else if (property.SequenceEqual("environmentPath"u8)) environmentPath = String(ref reader, "conda.environmentPath");
            else if (property.SequenceEqual("reason"u8)) reason = String(ref reader, "conda.reason");
            else if (property.SequenceEqual("changes"u8)) changes = Objects(ref reader, "conda.changes", ReadEnvironmentChange);
            else reader.Skip();
        }
        return new CondaActivation
        {
            Mode = Required(mode, "conda.mode"),
            CondaExecutable = Required(condaExecutable, "conda.condaExecutable"),
            EnvironmentPath = Required(environmentPath, "conda.environmentPath"),
            Reason = reason,
            Changes = changes!,
        };
    }

    private static SharedMountSpec ReadSharedMount(ref Utf8JsonReader reader)
    {
        int? idleSeconds = null;
        while (NextProperty(ref reader, out var property))
        {
            if (property.SequenceEqual("idleSeconds"u8)) idleSeconds = Int32(ref reader, "sharedMount.idleSeconds");
            else reader.Skip();
        }
        return new SharedMountSpec { IdleSeconds = Required(idleSeconds, "sharedMount.idleSeconds") };
    }

    private static RuntimeKind Runtime(string? name) =>
        Named(name, "runtime.kind", [("bwrap", RuntimeKind.Bwrap), ("apptainer", RuntimeKind.Apptainer), ("singularity", RuntimeKind.Singularity)]);

    private static ImageKind Image(string? name) =>
        Named(name, "image.kind", [("squashfs", ImageKind.Squashfs), ("directory", ImageKind.Directory)]);

    private static ContainerKind Container(string? name) =>
        Named(name, "container.kind", [("sif", ContainerKind.Sif), ("squashfs", ContainerKind.Squashfs), ("directory", ContainerKind.Directory)]);

    private static GpuMode Gpu(string? name) =>
        Named(name, "gpu", [("none", GpuMode.None), ("auto", GpuMode.Auto), ("nvidia", GpuMode.Nvidia), ("amd", GpuMode.Amd)]);

    private static EnvironmentAction Action(string? name) =>
        Named(name, "environment.action", [("set", EnvironmentAction.Set), ("prepend", EnvironmentAction.Prepend), ("append", EnvironmentAction.Append), ("unset", EnvironmentAction.Unset)]);

    private static CondaActivationMode Activation(string? name) =>
        Named(name, "conda.mode", [("captured", CondaActivationMode.Captured), ("dynamic", CondaActivationMode.Dynamic)]);

    /// <summary>The enum value written as <paramref name="name"/> (its <c>JsonStringEnumMemberName</c> in Manifest.cs).</summary>
    private static T Named<T>(string? name, string property, ReadOnlySpan<(string Name, T Value)> names) where T : struct, Enum
    {
        foreach (var (text, value) in names)
        {
            if (text == name)
            {
                return value;
            }
        }
        throw new JsonException($"'{property}' has no value '{name}'");
    }

    /// <summary>
    /// Moves past the next property name of the current object to its value; false at the object's end.
    /// The name is a slice of the document unless it holds escapes.
    /// </summary>
    private static bool NextProperty(ref Utf8JsonReader reader, out ReadOnlySpan<byte> name)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
        {
            name = default;
            return false;
        }
        name = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        reader.Read();
        return true;
    }

    private static T? Object<T>(ref Utf8JsonReader reader, string property, ObjectReader<T> read) where T : class => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.StartObject => read(ref reader),
        _ => throw WrongKind(property, "an object"),
    };

    private static IReadOnlyList<T>? Objects<T>(ref Utf8JsonReader reader, string property, ObjectReader<T> read) where T : class
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        var items = new List<T>();
        for (StartArray(ref reader, property); reader.Read() && reader.TokenType != JsonTokenType.EndArray;)
        {
            items.Add(Object(ref reader, property, read) ?? throw WrongKind(property, "a list of objects"));
        }
        return items;
    }

    private static IReadOnlyList<string>? Strings(ref Utf8JsonReader reader, string property)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        var items = new List<string>();
        for (StartArray(ref reader, property); reader.Read() && reader.TokenType != JsonTokenType.EndArray;)
        {
            items.Add(String(ref reader, property) ?? throw WrongKind(property, "a list of strings"));
        }
        return items;
    }

    /// <summary>
    /// An object of string values, by name (a later repeat of a name wins, as the serializer's does);
    /// with <paramref name="only"/>, just that name's (every value is still checked to be a string).
    /// </summary>
    private static Dictionary<string, string>? StringMap(ref Utf8JsonReader reader, string property, byte[]? only)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WrongKind(property, "an object");
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader, out var name))
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw WrongKind(property, "an object of strings");
            }
            if (only is null || name.SequenceEqual(only))
            {
                map[Encoding.UTF8.GetString(name)] = reader.GetString()!;
            }
        }
        return map;
    }

    private static void StartArray(ref Utf8JsonReader reader, string property)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw WrongKind(property, "a list");
        }
    }

    private static string? String(ref Utf8JsonReader reader, string property) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw WrongKind(property, "a string"),
    };

    private static int Int32(ref Utf8JsonReader reader, string property) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : throw WrongKind(property, "a whole number");

    private static long Int64(ref Utf8JsonReader reader, string property) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : throw WrongKind(property, "a whole number");

    private static bool Boolean(ref Utf8JsonReader reader, string property) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw WrongKind(property, "true or false"),
    };

    private static T Required<T>(T? value, string property) where T : class =>
        value ?? throw new JsonException($"the required property '{property}' is missing");

    private static T Required<T>(T? value, string property) where T : struct =>
        value ?? throw new JsonException($"the required property '{property}' is missing");

    private static JsonException WrongKind(string property, string expected) => new($"'{property}' must be {expected}");
}
