using Tykky.Launcher.Keeper;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Host;

/// <summary>
/// Where a wrapper call reads its manifest. When the running launcher is the installation's own, from
/// the local copy a launch through the generation's keeper left (no metadata round trip on the
/// prefix's filesystem), else from the generation, through its directory opened once (see
/// <see cref="DescriptorNames"/>), naming the copies to write should the launch use a keeper.
/// Otherwise (a launcher binary elsewhere) from the installation directory by path.
/// </summary>
internal static class ManifestSource
{
    /// <summary>The manifest of <paramref name="call"/> (its own program only), and the call with how its files are read.</summary>
    public static (WrapperInvocation Call, InstallationManifest Manifest) Read(WrapperInvocation call, EnvironmentVariables environment)
    {
        var path = PathText.Join(call.Prefix, InstallationLayout.ManifestFileName);
        if (!call.RunsOwnLauncher)
        {
            return (call, ManifestReader.Parse(ManifestReader.ReadBytes(path), path, call.ProgramName));
        }
        var copies = LocalCopies.For(call.Prefix, KeeperRecords.Directory(environment.Get(EnvironmentNames.RuntimeDirectory), Libc.getuid()));
        if (copies?.ReadManifest() is { } copied)
        {
            return (call with { Copies = copies }, ManifestReader.Parse(copied, copies.Manifest, call.ProgramName));
        }
        var opened = call with { FilesLookup = DescriptorNames.OpenDirectory(call.Prefix) };
        var bytes = ManifestReader.ReadBytes(path, PathText.Join(opened.FilesLookup, InstallationLayout.ManifestFileName));
        return (opened with { Copies = copies is null ? null : copies with { ManifestToWrite = bytes } }, ManifestReader.Parse(bytes, path, call.ProgramName));
    }
}
