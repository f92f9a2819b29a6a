using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>Bad input to wrap-container: one "[ ERROR ]" line naming the thing and the fix, a non-zero exit, nothing left behind.</summary>
public sealed class WrapContainerErrorSpecs : IDisposable
{
    private readonly TempDir _scratch = new("wrap-container-errors");
    private readonly Builds _builds;

    public WrapContainerErrorSpecs() => _builds = new Builds(_scratch);

    public void Dispose() => _scratch.Dispose();

    /// <summary>Rejected before anything was written: not even the prefix was created.</summary>
    private void AssertRejected(RunResult result, string message)
    {
        _builds.AssertRejected(result, message, _scratch["inst"]);
        Assert.False(Directory.Exists(_scratch["inst"]), "the prefix was created");
    }

    private RunResult WrapContainer(params string[] arguments) => _builds.Run("wrap-container", [.. arguments]);

    [Fact]
    public void Wrapper_paths_are_required()
    {
        AssertRejected(WrapContainer("--prefix", _scratch["inst"], Containers.BusyboxSif), "wrap-container requires -w/--wrapper-paths with absolute paths inside the container, e.g. -w /usr/bin");
    }

    [Fact]
    public void A_relative_wrapper_path_is_rejected()
    {
        AssertRejected(WrapContainer("-w", "/bin,opt/tools/bin", "--prefix", _scratch["inst"], Containers.BusyboxSif),
            "Wrapper path 'opt/tools/bin' (-w) is not absolute; wrap-container needs absolute paths inside the container, e.g. -w /usr/bin");
    }

    [Fact]
    public void A_relative_wrapper_path_from_yaml_is_rejected_naming_the_file()
    {
        var yaml = _scratch.Write("conf.yaml", "wrapper_paths:\n  - bin\n");

        AssertRejected(WrapContainer("-w", "/bin", "-y", yaml, "--prefix", _scratch["inst"], Containers.BusyboxSif), $"Wrapper path 'bin' ({yaml}:");
    }

    [Fact]
    public void A_missing_container_is_rejected()
    {
        AssertRejected(WrapContainer("-w", "/bin", "--prefix", _scratch["inst"], "no-such.sif"),
            "Container 'no-such.sif' does not exist; give a .sif file, a squashfs image or a sandbox directory, or a docker:// URL");
    }

    [Fact]
    public void A_file_that_is_no_container_is_rejected()
    {
        var text = _scratch.Write("notes.txt", "not an image\n");

        AssertRejected(WrapContainer("-w", "/bin", "--prefix", _scratch["inst"], text),
            $"Container '{text}' is not a .sif file, a squashfs image or a sandbox directory (it starts with neither the SIF nor the squashfs magic); give one of those");
    }

    [Fact]
    public void A_truncated_SIF_is_rejected()
    {
        var truncated = _scratch["truncated.sif"];
        File.WriteAllBytes(truncated, File.ReadAllBytes(Containers.BusyboxSif)[..100_000]);

        AssertRejected(WrapContainer("-w", "/bin", "--prefix", _scratch["inst"], truncated),
            $"Container '{truncated}' is truncated or damaged: its root filesystem (bytes 36864 to 1081344) lies outside the file of 100000 bytes");
    }

    [Fact]
    public void A_docker_URL_with_bubblewrap_is_rejected_with_the_way_to_pull_it()
    {
        AssertRejected(WrapContainer("-w", "/usr/bin", "--prefix", _scratch["inst"], "docker://alpine:3.20"),
            "Container 'docker://alpine:3.20' must be pulled, and bubblewrap cannot pull images; pull it where apptainer is installed ('apptainer pull image.sif docker://alpine:3.20') and give image.sif, or set 'runtime: apptainer'");
    }

    [Fact]
    public void Host_mode_with_bubblewrap_is_rejected()
    {
        var yaml = _scratch.Write("conf.yaml", "isolate: no\n");

        AssertRejected(WrapContainer("-w", "/bin", "-y", yaml, "--prefix", _scratch["inst"], Containers.BusyboxSif),
            "wrap-container with the bwrap runtime needs 'isolate: yes' (the container is the root filesystem)");
    }
}
