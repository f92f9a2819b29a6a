using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>
/// busybox wrapped by the published wrap-container three times: from the SIF, from a plain squashfs
/// image and from a sandbox directory, each built (and later run) by the unprivileged test user when
/// the tests run as root. Wrapped: /bin (busybox and its links) and /opt/tools/bin (the hello script).
/// </summary>
public sealed class BusyboxInstallations : IDisposable
{
    private readonly TempDir _directory = new("busybox");

    /// <summary>Builds the three installations.</summary>
    public BusyboxInstallations()
    {
        (var builds, User) = Builds.ForUnprivilegedUser(_directory);
        Squashfs = Containers.BusyboxSquashfs(_directory);
        Sandbox = Containers.BusyboxSandbox(_directory);
        FromSif = Build(builds, "from-sif", Containers.BusyboxSif);
        FromSquashfs = Build(builds, "from-squashfs", Squashfs);
        FromSandbox = Build(builds, "from-sandbox", Sandbox);
    }

    /// <summary>Who builds and runs (null: the test process's user).</summary>
    public string? User { get; }

    /// <summary>The plain squashfs image of the root filesystem.</summary>
    public string Squashfs { get; }

    /// <summary>The sandbox directory holding the root filesystem.</summary>
    public string Sandbox { get; }

    /// <summary>The installation made from busybox.sif.</summary>
    public string FromSif { get; }

    /// <summary>The installation made from the squashfs image.</summary>
    public string FromSquashfs { get; }

    /// <summary>The installation made from the sandbox directory.</summary>
    public string FromSandbox { get; }

    /// <summary>The scratch directory (world-readable).</summary>
    public TempDir Directory => _directory;

    /// <summary>Options to run as <see cref="User"/>.</summary>
    public RunOptions AsUser(IReadOnlyDictionary<string, string?>? environment = null) =>
        new() { User = User, Environment = environment ?? new Dictionary<string, string?>() };

    /// <summary>Removes the installations.</summary>
    public void Dispose() => _directory.Dispose();

    private string Build(Builds builds, string name, string container)
    {
        var prefix = _directory[name];
        var result = builds.Run("wrap-container", ["-w", "/bin,/opt/tools/bin", "--prefix", prefix, container], new RunOptions { User = User, WorkingDirectory = _directory.Path });
        Assert.True(result.ExitCode == 0, result.ToString());
        return prefix;
    }
}

/// <summary>Tests sharing one <see cref="BusyboxInstallations"/>.</summary>
[CollectionDefinition(Name)]
public sealed class BusyboxInstallationsCollection : ICollectionFixture<BusyboxInstallations>
{
    /// <summary>The collection name.</summary>
    public const string Name = "busybox installations";
}
