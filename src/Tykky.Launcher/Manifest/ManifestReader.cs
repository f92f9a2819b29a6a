using System.Text.Json;
using Tykky.Launcher.Diagnostics;

namespace Tykky.Launcher.Manifest;

/// <summary>Reads and checks an installation's manifest; every problem becomes a one-line <see cref="LaunchException"/>.</summary>
internal static class ManifestReader
{
    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    public static InstallationManifest Read(string path) => Parse(ReadBytes(path), path);

    /// <summary>The bytes of <paramref name="path"/>, read through <paramref name="readThrough"/> when given (another name of the same file).</summary>
    public static byte[] ReadBytes(string path, string? readThrough = null) =>
        Native.PosixFiles.ReadRegularFile(readThrough ?? path, out var error)
            ?? throw new LaunchException("cannot read manifest", path, $"{Native.Libc.ErrorText(error)}; is this a complete Tykky installation?", ExitCode.Config);

    /// <summary>
    /// Parses manifest bytes, with only the program <paramref name="onlyProgram"/> when given (see
    /// <see cref="ManifestParser.Manifest"/>); <paramref name="path"/> only names the file in errors.
    /// </summary>
    public static InstallationManifest Parse(ReadOnlySpan<byte> bytes, string path, string? onlyProgram = null)
    {
        try
        {
            var schemaVersion = ManifestParser.SchemaVersion(bytes);
            if (schemaVersion <= 0)
            {
                throw Damaged(path, "no schemaVersion");
            }
            if (schemaVersion > InstallationManifest.CurrentSchemaVersion)
            {
                throw new LaunchException("manifest is newer than this launcher", path,
                    $"schema {schemaVersion}, this launcher reads up to {InstallationManifest.CurrentSchemaVersion}; rebuild the installation or use the Tykky that made it",
                    ExitCode.Config);
            }
            return ManifestParser.Manifest(bytes, onlyProgram);
        }
        catch (JsonException e)
        {
            throw Damaged(path, e.Message);
        }
    }

    private static LaunchException Damaged(string path, string detail) =>
        new("manifest is damaged", path, $"{detail}; rebuild the installation", ExitCode.Config);
}
