using System.Text.Json.Nodes;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Two wrap-install installations A and B built with <c>composable: yes</c> (so their images are mounted
/// at different paths), each holding one script (<c>a-tool</c>, <c>b-tool</c>) that prints where it runs
/// from and its pid namespace, then execs its arguments; and busybox wrapped by wrap-container. Built
/// by the unprivileged test user (when the tests run as root), who also runs them.
/// </summary>
public sealed class ComposedInstallations : IDisposable
{
    private readonly TempDir _directory = new("composed");

    /// <summary>Builds the three installations.</summary>
    public ComposedInstallations()
    {
        (var builds, User) = Builds.ForUnprivilegedUser(_directory);
        _directory.Write("composable.yaml", "composable: yes\n");
        foreach (var name in new[] { "a", "b" })
        {
            _directory.Write($"src-{name}/bin/{name}-tool",
                $"#!/bin/sh\necho \"{name}-tool from ${{0%/bin/{name}-tool}} in $(readlink /proc/self/ns/mnt)\"\n[ $# -eq 0 ] || exec \"$@\"\n", executable: true);
        }
        A = Build(builds, "wrap-install", ["-w", "bin", "-y", "composable.yaml", "--prefix", _directory["inst-a"], _directory["src-a"]]);
        B = Build(builds, "wrap-install", ["-w", "bin", "-y", "composable.yaml", "--prefix", _directory["inst-b"], _directory["src-b"]]);
        Busybox = Build(builds, "wrap-container", ["-w", "/bin,/opt/tools/bin", "--prefix", _directory["busybox"], Containers.BusyboxSif]);
    }

    /// <summary>Who builds and runs (null: the test process's user).</summary>
    public string? User { get; }

    /// <summary>Installation A's prefix.</summary>
    public string A { get; }

    /// <summary>Installation B's prefix.</summary>
    public string B { get; }

    /// <summary>The busybox wrap-container installation's prefix.</summary>
    public string Busybox { get; }

    /// <summary>The scratch directory.</summary>
    public TempDir Directory => _directory;

    /// <summary>Where the image of the installation at <paramref name="prefix"/> is mounted inside (with its random suffix).</summary>
    public static string InstallationPath(string prefix) =>
        (string)JsonNode.Parse(File.ReadAllText(Path.Join(prefix, "tykky.json")))!["installationPath"]!;

    /// <summary>A CW_EXTRA_BIND_MOUNTS entry that mounts the image of <paramref name="prefix"/> where it belongs.</summary>
    public static string ImageBind(string prefix) => $"{prefix}/img.sqfs:{InstallationPath(prefix)}:image-src=/";

    /// <summary>Runs <paramref name="argv"/> as <see cref="User"/> with <paramref name="extraBinds"/> as CW_EXTRA_BIND_MOUNTS.</summary>
    public RunResult Run(IReadOnlyList<string> argv, string? extraBinds = null) =>
        Infrastructure.Run.Command(argv, new RunOptions { User = User, Environment = new Dictionary<string, string?> { ["CW_EXTRA_BIND_MOUNTS"] = extraBinds } });

    /// <summary>Removes the installations.</summary>
    public void Dispose() => _directory.Dispose();

    private string Build(Builds builds, string frontend, IReadOnlyList<string> arguments)
    {
        var result = builds.Run(frontend, arguments, new RunOptions { User = User, WorkingDirectory = _directory.Path });
        Assert.True(result.ExitCode == 0, result.ToString());
        return arguments[arguments.Count - 2];
    }
}
