using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// pip-containerize --uv with the fake-uv-installer.sh TEST DOUBLE (uv cannot be downloaded here; the
/// double runs python3 -m venv and pip for uv's commands): uv is installed into the image with the
/// configured installer and gets the venv, the requirements and the package list to do.
/// </summary>
[Collection(PipInstallationCollection.Name)]
public sealed class PipUvSpecs(PipInstallation pip) : IDisposable
{
    private readonly TempDir _scratch = new("pip-uv");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Uv_is_installed_into_the_image_and_makes_the_venv_and_installs_the_requirements()
    {
        // Arrange: a site configuration naming the double as uv_installer
        var fake = Path.Join(ToolTree.RepositoryRoot, "tests", "fixtures", "fake-uv-installer.sh");
        var site = SiteConfigs.WithDefault(_scratch, "uv_installer", fake);
        _scratch.Write("requirements.txt", "tykkydemo\n");
        var prefix = _scratch["inst"];
        var environment = pip.Wheels.Environment(new Dictionary<string, string?> { ["CW_GLOBAL_YAML"] = site });

        // Act
        var build = new Builds(_scratch).Run("pip-containerize", ["new", "--uv", "--pyver", "3.13", "--nocache", "--prefix", prefix, "requirements.txt"], new RunOptions { Environment = environment });
        string Inside(params string[] argv) => Run.Command([Path.Join(prefix, "bin", "_debug_exec"), .. argv], new RunOptions { Environment = environment }).Out;

        // Assert
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("venv --python 3.13 --managed-python --no-cache --no-config --link-mode=copy /LOCAL_TYKKY/env1\n", Inside("cat", "/LOCAL_TYKKY/env1/uv-venv-arguments.txt"));
        Assert.Equal("UV_PYTHON_INSTALL_DIR=/LOCAL_TYKKY/uv/python\nUV_LINK_MODE=copy\nUV_NO_CACHE=1\n", Inside("cat", "/LOCAL_TYKKY/uv/bin/uv-environment.txt"));
        Assert.Equal("hello from tykkydemo\n", Inside("/LOCAL_TYKKY/env1/bin/python", "-c", "import tykkydemo; print(tykkydemo.GREETING)"));
        Assert.Equal("tykkydemo==1.0\n", File.ReadAllText(Path.Join(prefix, "share", "pip-freeze.txt")));
    }
}
