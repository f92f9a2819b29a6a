using System.Text.RegularExpressions;
using Tykky.EndToEnd.Tests.Infrastructure;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// Two installations active at once (composable installation paths), with the real bubblewrap runtime:
/// one installation's program calling another's wrapper, both ways, with the images shared through
/// CW_EXTRA_BIND_MOUNTS (one container) or not (the wrapper starts its own sandbox); a wrap-container
/// container seeing another installation's image; and the error for a wrapper of an isolated
/// apptainer container called from inside another container.
/// </summary>
public sealed partial class CompositionSpecs(ComposedInstallations installations) : IClassFixture<ComposedInstallations>
{
    /// <summary>The caller and callee prefixes of a composition, by name.</summary>
    public static TheoryData<string, string> Directions() => new() { { "a", "b" }, { "b", "a" } };

    private string Prefix(string name) => name == "a" ? installations.A : installations.B;

    private static string Wrapper(string prefix, string name) => Path.Join(prefix, "bin", name);

    /// <summary>The lines "NAME-tool from PATH in mnt:[N]" a run printed, as (name, installation path, mount namespace: a launch that mounts its own image, in a sandbox or through a keeper, runs in another one).</summary>
    private static (string Name, string From, string Namespace)[] Tools(RunResult result) =>
        ToolLine().Matches(result.Out).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToArray();

    [Fact]
    public void Composable_installations_get_different_installation_paths()
    {
        var a = ComposedInstallations.InstallationPath(installations.A);
        var b = ComposedInstallations.InstallationPath(installations.B);

        Assert.Matches("^/LOCAL_TYKKY_[A-Za-z0-9]{7}$", a);
        Assert.Matches("^/LOCAL_TYKKY_[A-Za-z0-9]{7}$", b);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [MemberData(nameof(Directions))]
    public void With_both_images_shared_a_program_calls_the_other_installations_wrapper_in_the_same_container(string caller, string callee)
    {
        // Arrange: one list for both; each launcher skips its own image
        var binds = $"{ComposedInstallations.ImageBind(installations.A)},{ComposedInstallations.ImageBind(installations.B)}";

        // Act
        var result = installations.Run([Wrapper(Prefix(caller), $"{caller}-tool"), Wrapper(Prefix(callee), $"{callee}-tool")], binds);

        // Assert: both ran from their own images, in one mount namespace (no second sandbox)
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        var tools = Tools(result);
        Assert.Equal([caller, callee], tools.Select(t => t.Name));
        Assert.Equal([ComposedInstallations.InstallationPath(Prefix(caller)), ComposedInstallations.InstallationPath(Prefix(callee))], tools.Select(t => t.From));
        Assert.Equal(tools[0].Namespace, tools[1].Namespace);
    }

    [Theory]
    [MemberData(nameof(Directions))]
    public void Without_shared_images_the_called_wrapper_starts_its_own_sandbox(string caller, string callee)
    {
        var result = installations.Run([Wrapper(Prefix(caller), $"{caller}-tool"), Wrapper(Prefix(callee), $"{callee}-tool")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var tools = Tools(result);
        Assert.Equal([caller, callee], tools.Select(t => t.Name));
        Assert.NotEqual(tools[0].Namespace, tools[1].Namespace);
    }

    [Fact]
    public void An_isolated_container_sees_another_installations_image_through_CW_EXTRA_BIND_MOUNTS()
    {
        // Act: busybox's shell (the container's root, isolated) runs A's wrapper, whose image is bound in
        var result = installations.Run(
            [Wrapper(installations.Busybox, "sh"), "-c", "echo \"busybox in $(readlink /proc/self/ns/mnt)\"; \"$0\"", Wrapper(installations.A, "a-tool")],
            ComposedInstallations.ImageBind(installations.A));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        var busyboxNamespace = Regex.Match(result.Out, @"^busybox in (\S+)$", RegexOptions.Multiline).Groups[1].Value;
        var tool = Assert.Single(Tools(result));
        Assert.Equal(ComposedInstallations.InstallationPath(installations.A), tool.From);
        Assert.Equal(busyboxNamespace, tool.Namespace);
    }

    [Fact]
    public void A_program_calls_an_isolated_containers_wrapper_which_starts_its_own_sandbox()
    {
        var result = installations.Run([Wrapper(installations.A, "a-tool"), Wrapper(installations.Busybox, "hello"), "from A"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("hello from /opt/tools/bin/hello args:1\n[from A]\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrapper_of_an_isolated_apptainer_container_called_from_another_container_fails_with_the_clear_error()
    {
        // Arrange: a wrap-container installation for apptainer (the recording TEST DOUBLE, never reached)
        var runtime = new RecordingRuntime(installations.Directory, "apptainer");
        var yaml = installations.Directory.Write("apptainer.yaml", $"runtime: apptainer\nsingularity_executable_path: {runtime.Executable}\n");
        var prefix = installations.Directory["apptainer-busybox"];
        var build = new Builds(installations.Directory).Run("wrap-container", ["-w", "/opt/tools/bin", "-y", yaml, "--prefix", prefix, Containers.BusyboxSif],
            new RunOptions { Environment = runtime.Environment() });
        Assert.True(build.ExitCode == 0, build.ToString());

        // Act: inside busybox's container (it has /.singularity.d), as apptainer would, APPTAINER_CONTAINER names that container
        var result = installations.Run([Wrapper(installations.Busybox, "env"), "APPTAINER_CONTAINER=/data/busybox.sif", Wrapper(prefix, "hello")]);

        // Assert
        Assert.Equal(78, result.ExitCode);
        Assert.Equal($"tykky: wrapper called from another container '/data/busybox.sif': this installation runs in '{prefix}/generations/1/container.sif'; call it from outside, or mount its image there with CW_EXTRA_BIND_MOUNTS\n", result.Stderr);
    }

    [GeneratedRegex(@"^(\w)-tool from (\S+) in (\S+)$", RegexOptions.Multiline)]
    private static partial Regex ToolLine();
}
