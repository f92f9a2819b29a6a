using System.Text.Json;
using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// pip-containerize for real and offline: a wheel built in setup, installed with pip inside the
/// bubblewrap sandbox at the installation path, used through the wrappers; venvs made on top of it.
/// </summary>
[Collection(PipInstallationCollection.Name)]
public sealed class PipContainerizeSpecs(PipInstallation pip) : IDisposable
{
    private readonly TempDir _scratch = new("pip-specs");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void The_package_is_imported_through_the_wrapper_and_is_not_on_the_host()
    {
        // Act
        var inside = pip.Run([pip.Wrapper("python"), "-c", "import tykkydemo, sys; print(tykkydemo.GREETING); print(sys.executable)"]);
        var host = pip.Run(["/usr/bin/python3", "-c", "import tykkydemo"]);
        var filesInPrefix = Directory.EnumerateFiles(pip.Prefix, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Select(f => Path.GetRelativePath(Path.Join(pip.Prefix, "generations/1"), f)).Where(f => !f.StartsWith("share/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal)).Order(); // bin/: hard links of the launcher

        // Assert
        Assert.True(inside.ExitCode == 0, inside.ToString());
        Assert.Equal($"hello from tykkydemo\n{pip.Wrapper("python")}\n", inside.Out);
        Assert.NotEqual(0, host.ExitCode);
        Assert.Contains("No module named 'tykkydemo'", host.Stderr);
        Assert.Equal(["img.sqfs", "pyvenv.cfg", "squashfuse-noopen.so", "tykky-join", "tykky-launcher", "tykky.json"], filesInPrefix);
    }

    [Fact]
    public void Console_scripts_of_the_packages_get_wrappers()
    {
        var run = pip.Run([pip.Wrapper("tykkydemo")]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("hello from tykkydemo /LOCAL_TYKKY/env1/bin/python", run.Out);
        Assert.True(Host.IsHardLinkOf(pip.Wrapper("pip"), Path.Join(pip.Prefix, "tykky-launcher")));
    }

    [Fact]
    public void Arguments_of_python_c_arrive_unchanged()
    {
        // Arrange: code with both quote kinds, and arguments a shell would split, expand or drop
        string[] arguments = ["a b", "", "'single'", "\"double\"", "$HOME", "*", "back\\slash", "new\nline", "--flag=x y"];

        // Act
        var run = pip.Run([pip.Wrapper("python"), "-c", "import sys, json; print(json.dumps(sys.argv[1:])); print(\"it's \\\"quoted\\\"\")", .. arguments]);

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n');
        Assert.Equal(arguments, JsonSerializer.Deserialize<string[]>(lines[0]));
        Assert.Equal("it's \"quoted\"", lines[1]);
    }

    [Fact]
    public void The_prefix_is_laid_out_for_venvs_on_top()
    {
        // Act
        var config = File.ReadAllLines(Path.Join(pip.Prefix, "pyvenv.cfg"));
        var paths = pip.Run([pip.Wrapper("python"), "-c", "import sys; print(sys.prefix); print(sys.base_prefix); print(sys._base_executable)"]);

        // Assert
        Assert.DoesNotContain(config, line => line.Split('=')[0].Trim() == "home");
        Assert.Contains("include-system-site-packages = false", config);
        // the current generation's links; <prefix>/lib and lib64 are the stable links to them
        Assert.Equal("/LOCAL_TYKKY/.tykky/python/lib", new FileInfo(Path.Join(pip.Prefix, "current", "lib")).LinkTarget);
        Assert.Equal("lib", new FileInfo(Path.Join(pip.Prefix, "current", "lib64")).LinkTarget);
        Assert.Equal($"{pip.Prefix}\n/usr\n{pip.Wrapper("python")}\n", paths.Out);
    }

    [Fact]
    public void The_resolved_packages_and_the_inputs_are_recorded_in_share()
    {
        var share = Path.Join(pip.Prefix, "share");

        Assert.Equal("tykkydemo==1.0\n", File.ReadAllText(Path.Join(share, "pip-freeze.txt")));
        Assert.Equal("tykkydemo\n", File.ReadAllText(Path.Join(share, "previous_input", "1", "requirements.txt")));
        Assert.Contains("mode: venv", File.ReadAllText(Path.Join(share, "conf.yaml")));
    }

    [Fact]
    public void A_venv_made_with_the_wrapper_runs_through_it_inside_the_container()
    {
        // Arrange
        var venv = _scratch["VE"];

        // Act
        var create = pip.Run([pip.Wrapper("python"), "-m", "venv", venv]);
        var paths = pip.Run([$"{venv}/bin/python", "-c", "import os, sys; print(sys.prefix); print(sys.base_prefix); print(sys.executable); print(os.path.isdir('/LOCAL_TYKKY/env1'))"]);
        var image = pip.Run([$"{venv}/bin/python", "-c", "import tykkydemo"]);

        // Assert
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Equal(pip.Wrapper("python"), new FileInfo($"{venv}/bin/python").LinkTarget);
        Assert.Contains($"home = {pip.Prefix}/bin", File.ReadAllLines($"{venv}/pyvenv.cfg"));
        Assert.Equal($"{venv}\n{pip.Prefix}\n{venv}/bin/python\nTrue\n", paths.Out);
        Assert.NotEqual(0, image.ExitCode); // no system site packages: the venv is on its own
    }

    [Fact]
    public void Pip_of_a_venv_on_top_installs_into_it_and_its_programs_see_its_packages()
    {
        // Arrange
        var venv = _scratch["VE"];
        Assert.Equal(0, pip.Run([pip.Wrapper("python"), "-m", "venv", venv]).ExitCode);

        // Act
        var install = pip.Run([$"{venv}/bin/pip", "install", "tykkydemo"]);
        var script = pip.Run([$"{venv}/bin/tykkydemo"]);
        var activated = pip.Run(["bash", "-c", $". '{venv}/bin/activate' && python -c 'import shutil, sys; print(shutil.which(\"python\")); print(sys.executable)'"]);

        // Assert
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.True(Directory.Exists($"{venv}/lib/python{Wheelhouse.PythonVersion}/site-packages/tykkydemo"), "not installed into the venv");
        Assert.Equal($"hello from tykkydemo {venv}/bin/python {venv}\n", script.Out);
        Assert.Equal($"{venv}/bin/python\n{venv}/bin/python\n", activated.Out);
    }

    [Fact]
    public void A_venv_on_top_with_system_site_packages_sees_the_images_packages()
    {
        // Arrange
        var venv = _scratch["VS"];
        Assert.Equal(0, pip.Run([pip.Wrapper("python"), "-m", "venv", "--system-site-packages", venv]).ExitCode);

        // Act
        var run = pip.Run([$"{venv}/bin/python", "-c", "import sys, tykkydemo; print(sys.prefix != sys.base_prefix); print(tykkydemo.__file__)"]);

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"True\n{pip.Prefix}/lib/python{Wheelhouse.PythonVersion}/site-packages/tykkydemo/__init__.py\n", run.Out);
    }
}
