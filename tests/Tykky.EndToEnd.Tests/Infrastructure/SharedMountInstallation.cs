using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A probe installation (see <see cref="ProbeInstallation.SourceTree"/>) whose keeper ends one second
/// after its last process, so that tests see keepers start and end quickly.
/// </summary>
public sealed class SharedMountInstallation : IDisposable
{
    private readonly TempDir _directory = new("keeper");

    /// <summary>Builds the installation (as the test process's user).</summary>
    public SharedMountInstallation() => Prefix = Build(_directory, "shared_mount_idle: 1\n");

    /// <summary>Builds the probe installation with <paramref name="yaml"/> into <paramref name="directory"/>'s install/; returns its prefix.</summary>
    public static string Build(TempDir directory, string yaml)
    {
        var source = ProbeInstallation.SourceTree(directory);
        var config = directory.Write("config.yaml", yaml);
        var prefix = directory["install"];
        var build = Run.Command([ToolTree.Bin("wrap-install"), "-w", "bin", "-y", config, "--prefix", prefix, source], new RunOptions { WorkingDirectory = directory.Path });
        Assert.True(build.ExitCode == 0, build.ToString());
        return prefix;
    }

    /// <summary>The installation prefix.</summary>
    public string Prefix { get; }

    /// <summary>The scratch directory (world-readable).</summary>
    public TempDir Directory => _directory;

    /// <summary>The wrapper <c>&lt;prefix&gt;/bin/NAME</c>.</summary>
    public string Wrapper(string name) => Path.Join(Prefix, "bin", name);

    /// <summary>The image file.</summary>
    public string Image => Path.Join(Prefix, "img.sqfs");

    /// <summary>Ends the keepers of this installation and waits until they and their mounts are gone.</summary>
    public void StopKeepers() => Host.StopKeepersOf(Prefix);

    /// <summary>Ends the keepers and removes the installation.</summary>
    public void Dispose()
    {
        StopKeepers();
        _directory.Dispose();
    }
}

/// <summary>Tests sharing one <see cref="SharedMountInstallation"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SharedMountInstallationCollection : ICollectionFixture<SharedMountInstallation>
{
    /// <summary>The collection name.</summary>
    public const string Name = "shared mount installation";
}
