using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>A venv made on a python wrapped by wrap-container (SPEC §5): its bin stays first on the container's PATH.</summary>
public sealed class WrapContainerVenvSpecs : IDisposable
{
    private readonly TempDir _scratch = new("wrap-container-venv");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void A_venv_made_on_a_wrapped_python_is_a_venv_inside_with_its_bin_first()
    {
        // Arrange: a container holding only python, wrapped; the venv in a mount point (/tmp)
        var root = Containers.PythonSandbox(_scratch);
        Directory.CreateDirectory(_scratch["work"]);
        var (builds, user) = Builds.ForUnprivilegedUser(_scratch);
        var asUser = new RunOptions { User = user, WorkingDirectory = _scratch["work"] };
        var build = builds.Run("wrap-container", ["-w", "/usr/bin", "--prefix", _scratch["work/inst"], root], asUser);
        Assert.True(build.ExitCode == 0, build.ToString());

        // Act
        var venv = Run.Command([_scratch["work/inst/bin/python3"], "-m", "venv", "--without-pip", _scratch["work/ve"]], asUser);
        var inside = Run.Command([_scratch["work/ve/bin/python"], "-c",
            "import os, shutil, sys; print(sys.prefix != sys.base_prefix); print(sys.executable); print(os.environ['PATH'].split(':')[0]); print(shutil.which('python'))"], asUser);

        // Assert
        Assert.True(venv.ExitCode == 0, venv.ToString());
        Assert.True(inside.ExitCode == 0, inside.ToString());
        var ve = _scratch["work/ve"];
        Assert.Equal($"True\n{ve}/bin/python\n{ve}/bin\n{ve}/bin/python\n", inside.Out);
    }
}
