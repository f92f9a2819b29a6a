using System.Security.Cryptography;
using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// pip-containerize update, failures and options, each on an installation of its own (from the shared
/// wheelhouse): an update starts from the current image and swaps the new one in only when it all
/// worked; a failed package install is one error line with pip's message and changes nothing.
/// </summary>
[Collection(PipInstallationCollection.Name)]
public sealed class PipUpdateSpecs : IDisposable
{
    private readonly TempDir _scratch = new("pip-update");
    private readonly PipInstallation _pip;
    private readonly Builds _builds;

    public PipUpdateSpecs(PipInstallation pip)
    {
        _pip = pip;
        _builds = new Builds(_scratch);
        _scratch.Write("requirements.txt", "tykkydemo\n");
        _scratch.Write("second.txt", "secondpkg\n");
        _scratch.Write("bad.txt", "nosuchpkg-tykky\n");
    }

    private string Prefix => _scratch["inst"];

    public void Dispose() => _scratch.Dispose();

    private RunResult Build(string frontend, params string[] arguments) =>
        Build(frontend, new Dictionary<string, string?>(), arguments);

    private RunResult Build(string frontend, IReadOnlyDictionary<string, string?> more, params string[] arguments) =>
        _builds.Run(frontend, arguments, new RunOptions { Environment = _pip.Wheels.Environment(more) });

    private RunResult Python(string code) =>
        _pip.Run([Path.Join(Prefix, "bin", "python"), "-c", code]);

    private static string ErrorLine(RunResult result) =>
        Assert.Single(result.Stderr.Split('\n'), line => line.StartsWith("[ ERROR ]", StringComparison.Ordinal));

    private string Fingerprint() =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Join(Prefix, "img.sqfs")))) + File.ReadAllText(Path.Join(Prefix, "tykky.json"));

    [Fact]
    public void An_update_with_a_post_install_script_adds_a_package_and_keeps_the_rest()
    {
        // Arrange
        Assert.Equal(0, Build("pip-containerize", "new", "--prefix", Prefix, "requirements.txt").ExitCode);
        var id = File.ReadAllText(Path.Join(Prefix, "tykky.json"));
        _scratch.Write("post.sh", "pip install secondpkg\n");

        // Act
        var update = Build("pip-containerize", "update", "--post-install", "post.sh", Prefix);
        var run = Python("import secondpkg, tykkydemo; print(secondpkg.VALUE)");

        // Assert
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Equal("42\n", run.Out);
        Assert.Equal("secondpkg==2.0\ntykkydemo==1.0\n", File.ReadAllText(Path.Join(Prefix, "share", "pip-freeze.txt")));
        Assert.True(File.Exists(Path.Join(Prefix, "share", "previous_input", "2", "post.sh")), "the update's input is not recorded as the second build");
        Assert.True(File.Exists(Path.Join(Prefix, "share", "previous_input", "1", "requirements.txt")), "the first build's inputs are gone");
        var modules = Path.Join(Prefix, "share", "modulefiles", Path.GetFileName(Prefix));
        Assert.Equal(["2", "2.lua"], Directory.GetFiles(modules).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("secondpkg 2.0", File.ReadAllText(Path.Join(modules, "2.lua")));
        // the post-install script's pip wrote no report: its package has no hash; the first build's keeps its own
        var pipLock = File.ReadAllText(Path.Join(Prefix, "share", "pip-lock.txt"));
        Assert.StartsWith("# no hash is known for: secondpkg ", pipLock);
        Assert.Matches("(?m)^tykkydemo==1.0 --hash=sha256:[0-9a-f]{64}$", pipLock);
        Assert.Equal(InstallationId(id), InstallationId(File.ReadAllText(Path.Join(Prefix, "tykky.json"))));
        Assert.Empty(Directory.EnumerateDirectories(Path.Join(Prefix, "generations"), ".staging-*"));
        Assert.Empty(_builds.Leftovers());
    }

    [Fact]
    public void An_update_with_a_requirements_file_installs_it()
    {
        Assert.Equal(0, Build("pip-containerize", "new", "--prefix", Prefix, "requirements.txt").ExitCode);

        var update = Build("pip-containerize", "update", "-r", "second.txt", Prefix);

        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Equal("42\n", Python("import secondpkg; print(secondpkg.VALUE)").Out);
        Assert.Matches("^# every package pinned and hashed.*\nsecondpkg==2.0 --hash=sha256:[0-9a-f]{64}\ntykkydemo==1.0 --hash=sha256:[0-9a-f]{64}\n$",
            File.ReadAllText(Path.Join(Prefix, "share", "pip-lock.txt")));
    }

    [Fact]
    public void The_environ_file_is_kept_by_an_update_and_a_vanished_one_is_asked_for_again()
    {
        // Arrange
        var environ = _scratch.Write("environ.sh", "export TYKKY_GREETING=\"from environ\"\n");
        Assert.Equal(0, Build("pip-containerize", "new", "--environ", environ, "--prefix", Prefix, "requirements.txt").ExitCode);
        const string show = "import os; print(os.environ.get('TYKKY_GREETING'))";

        // Act
        var kept = Build("pip-containerize", "update", "-r", "second.txt", Prefix);
        var afterKept = Python(show).Out;
        File.Delete(environ);
        var vanished = Build("pip-containerize", "update", "-r", "second.txt", Prefix);
        var replacement = _scratch.Write("environ2.sh", "TYKKY_GREETING=replaced\n");
        var replaced = Build("pip-containerize", "update", "--environ", replacement, Prefix);

        // Assert
        Assert.True(kept.ExitCode == 0, kept.ToString());
        Assert.Equal("from environ\n", afterKept);
        Assert.Contains($"Environ file (--environ, extra_envs) '{environ}' does not exist; give it (again) with --environ", ErrorLine(vanished));
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.Equal("replaced\n", Python(show).Out);
    }

    [Fact]
    public void A_program_running_from_the_installation_keeps_working_while_it_is_updated()
    {
        // Arrange: a program of the current image waits for a go file, then imports from it
        Assert.Equal(0, Build("pip-containerize", "new", "--prefix", Prefix, "requirements.txt").ExitCode);
        var go = _scratch["go"];
        using var running = Run.Start([Path.Join(Prefix, "bin", "python"), "-c",
            $"import os, time\nwhile not os.path.exists('{go}'): time.sleep(0.05)\nimport tykkydemo; print(tykkydemo.GREETING)"],
            new RunOptions { Environment = _pip.Wheels.Environment() });

        // Act
        var update = Build("pip-containerize", "update", "-r", "second.txt", Prefix);
        File.WriteAllText(go, "");
        var result = Run.Finish(running, new RunOptions());

        // Assert
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello from tykkydemo\n", result.Out);
    }

    [Fact]
    public void An_unknown_package_fails_with_pips_message_and_changes_nothing()
    {
        // Arrange
        Assert.Equal(0, Build("pip-containerize", "new", "--prefix", Prefix, "requirements.txt").ExitCode);
        var before = Fingerprint();

        // Act
        var update = Build("pip-containerize", "update", "-r", "bad.txt", Prefix);

        // Assert
        Assert.Equal(1, update.ExitCode);
        Assert.Contains("ERROR: No matching distribution found for nosuchpkg-tykky", ErrorLine(update));
        Assert.Contains("Could not find a version that satisfies the requirement nosuchpkg-tykky", update.Stderr);
        Assert.Equal(before, Fingerprint());
        Assert.Equal("hello from tykkydemo\n", Python("import tykkydemo; print(tykkydemo.GREETING)").Out);
        Assert.Empty(Directory.EnumerateDirectories(Path.Join(Prefix, "generations"), ".staging-*"));
        Assert.Empty(_builds.Leftovers());
    }

    [Fact]
    public void A_new_installation_with_an_unknown_package_leaves_nothing()
    {
        var build = Build("pip-containerize", "new", "--prefix", Prefix, "bad.txt");

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("Installing the requirements of", ErrorLine(build));
        Assert.Contains("No matching distribution found for nosuchpkg-tykky", ErrorLine(build));
        Assert.False(Directory.Exists(Prefix), "the prefix was left behind");
        Assert.Empty(_builds.Leftovers());
    }

    [Fact]
    public void Pips_own_configuration_file_reaches_pip_inside()
    {
        // Arrange: a wheelhouse site's pip.conf, and no PIP_ variables
        var config = _scratch.Write("pip.conf", $"[global]\nno-index = true\nfind-links = {_pip.Wheels.Directory}\n");
        var environment = new Dictionary<string, string?> { ["PIP_CONFIG_FILE"] = config, ["PIP_NO_INDEX"] = null, ["PIP_FIND_LINKS"] = null };

        // Act
        var build = Build("pip-containerize", environment, "new", "--prefix", Prefix, "requirements.txt");

        // Assert
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("hello from tykkydemo\n", Python("import tykkydemo; print(tykkydemo.GREETING)").Out);
    }

    [Fact]
    public void Nocache_and_system_site_packages_reach_pip_and_venv()
    {
        // Act: CW_LOG_LEVEL=3 shows the commands run
        var build = Build("pip-containerize", new Dictionary<string, string?> { ["CW_LOG_LEVEL"] = "3" },
            "new", "--nocache", "--system-site-packages", "--prefix", Prefix, "requirements.txt");

        // Assert
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("python -m pip install --disable-pip-version-check --no-cache-dir --report /LOCAL_TYKKY/.tykky/pip-report/", build.Out);
        Assert.Contains("python3 -m venv --system-site-packages /LOCAL_TYKKY/env1", build.Out);
        Assert.Contains("include-system-site-packages = true", File.ReadAllText(Path.Join(Prefix, "pyvenv.cfg")));
    }

    [Fact]
    public void The_package_managers_output_is_shown_as_plain_lines_without_a_terminal_and_logged()
    {
        var build = Build("pip-containerize", new Dictionary<string, string?> { ["CW_DEBUG_KEEP_FILES"] = null }, "new", "--prefix", Prefix, "requirements.txt");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("\n    Successfully installed tykkydemo-1.0\n", build.Out);
        Assert.DoesNotContain("\x1b[", build.Out);
    }

    [FilesFact("/usr/bin/script")]
    public void On_a_terminal_the_output_is_one_line_rewritten_in_place()
    {
        // Act: script(1) gives the build a terminal
        var build = Run.Command(["/usr/bin/script", "-qec", $"'{ToolTree.Bin("pip-containerize")}' new --prefix '{Prefix}' requirements.txt", "/dev/null"],
            new RunOptions { Environment = _pip.Wheels.Environment(new Dictionary<string, string?> { ["CW_BUILD_TMPDIR"] = _builds.BuildBase }), WorkingDirectory = _scratch.Path });

        // Assert: each line of pip's replaces the previous one, and the view is cleared before the next message
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("\r\x1b[2KProcessing ", build.Out);
        Assert.Contains("\r\x1b[2KSuccessfully installed tykkydemo-1.0", build.Out);
        Assert.DoesNotContain("    Successfully installed", build.Out);
        Assert.Matches(@"Successfully installed tykkydemo-1\.0(\x1b\[\?1h\x1b=)?\r\x1b\[2K\[ INFO \]", build.Out);
    }

    [Fact]
    public void Bad_input_is_one_error_line_naming_the_fix()
    {
        Assert.Contains("Requirements file 'missing.txt' does not exist", ErrorLine(Build("pip-containerize", "new", "--prefix", Prefix, "missing.txt")));
        Assert.Contains("--pyver chooses the Python of --slim or --uv", ErrorLine(Build("pip-containerize", "new", "--pyver", "3.12", "--prefix", Prefix, "requirements.txt")));
        Assert.Contains("is not a Tykky installation (no share/conf.yaml)", ErrorLine(Build("pip-containerize", "update", "-r", "second.txt", _scratch.Path)));
        Assert.False(Directory.Exists(Prefix));
        Assert.Empty(_builds.Leftovers());
    }

    [Fact]
    public void Slim_with_bubblewrap_says_how_to_use_a_local_python_image()
    {
        var build = Build("pip-containerize", new Dictionary<string, string?> { ["CW_GLOBAL_YAML"] = BwrapSiteConfig() }, "new", "--slim", "--prefix", Prefix, "requirements.txt");

        Assert.Equal(1, build.ExitCode);
        Assert.Contains("bubblewrap cannot pull images; pull it where apptainer is installed ('apptainer pull image.sif docker://python:", ErrorLine(build));
        Assert.Contains("and set 'container_src: image.sif' (in an advanced YAML), or set 'runtime: apptainer'", ErrorLine(build));
        Assert.False(Directory.Exists(Prefix));
    }

    [Fact]
    public void An_isolated_pip_installation_runs_in_a_local_python_container_under_bubblewrap()
    {
        // Arrange: what --slim does with apptainer, with a local python root instead of a pulled image
        var root = Containers.PythonSandbox(_scratch);
        var yaml = _scratch.Write("slim.yaml", $"isolate: yes\ncontainer_src: {root}\nrequirements_file: {_scratch["requirements.txt"]}\ninstallation_prefix: {Prefix}\n");

        // Act
        var build = Build("pip-containerize", new Dictionary<string, string?> { ["CW_GLOBAL_YAML"] = BwrapSiteConfig() }, "advanced", yaml);
        Assert.True(build.ExitCode == 0, build.ToString());
        var run = Python("import os, sys, tykkydemo; print(sys.executable, sys.prefix != sys.base_prefix, os.path.realpath(tykkydemo.__file__).startswith('/LOCAL_TYKKY'))");
        var host = Run.Command(["/bin/sh", "-c", "ls /LOCAL_TYKKY 2>&1 || true"]);

        // Assert: python is the container's, the package is in the image, and nothing of it is on the host
        Assert.Equal($"{Prefix}/bin/python True True\n", run.Out);
        Assert.Contains("No such file or directory", host.Out);
        Assert.Contains("\"kind\": \"directory\"", File.ReadAllText(Path.Join(Prefix, "tykky.json")));
    }

    [Fact]
    public void A_tykky_installation_on_PATH_blocks_a_new_one()
    {
        var build = Build("pip-containerize", new Dictionary<string, string?> { ["PATH"] = $"{_pip.Prefix}/bin:{Wheelhouse.SystemPath}" }, "new", "--prefix", Prefix, "requirements.txt");

        Assert.Contains($"Tykky installation(s) on PATH: {_pip.Prefix}/bin", ErrorLine(build));
    }

    private string BwrapSiteConfig() =>
        _scratch.Write("bwrap-site.yaml", File.ReadAllText(Path.Join(ToolTree.Root, "configs", "default.yaml")).Replace("runtime: auto", "runtime: bwrap"));

    private static string InstallationId(string manifest) =>
        System.Text.Json.JsonDocument.Parse(manifest).RootElement.GetProperty("installationId").GetString()!;
}
