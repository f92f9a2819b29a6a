using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Host;
using Tykky.Launcher.Tests.Fixtures;

namespace Tykky.Launcher.Tests;

/// <summary>Which wrapper was called, from argv[0], PATH and the symlink chain on a real file system.</summary>
public class WrapperLocatorSpecs
{
    [Fact]
    public void A_wrapper_called_by_its_path_names_its_program_and_keeps_the_arguments()
    {
        // Arrange
        using var tree = new InstallationTree("python");
        var wrapper = Path.Join(tree.Prefix, "bin/python");

        // Act
        var call = WrapperLocator.Locate([wrapper, "-c", "", "a b"], "/usr/bin", "/", null);

        // Assert
        var wrapperCall = Assert.IsType<WrapperInvocation>(call);
        Assert.Equal(tree.CanonicalPrefix, wrapperCall.Prefix);
        Assert.Equal("python", wrapperCall.ProgramName);
        Assert.Equal(wrapper, wrapperCall.InvokedAs);
        Assert.Equal(["-c", "", "a b"], wrapperCall.Arguments);
    }

    [Fact]
    public void A_bare_name_is_found_through_PATH_and_invoked_as_the_path_found()
    {
        // Arrange
        using var tree = new InstallationTree("python", "pip");
        var bin = Path.Join(tree.Prefix, "bin");
        var searchPath = $"{tree["nowhere"]}:{bin}:/usr/bin";

        // Act
        var call = WrapperLocator.Locate(["pip", "install", "x"], searchPath, "/", null);

        // Assert
        var wrapperCall = Assert.IsType<WrapperInvocation>(call);
        Assert.Equal("pip", wrapperCall.ProgramName);
        Assert.Equal(Path.Join(bin, "pip"), wrapperCall.InvokedAs);
        Assert.Equal(tree.CanonicalPrefix, wrapperCall.Prefix);
        Assert.Equal(["install", "x"], wrapperCall.Arguments);
    }

    [Fact]
    public void A_venv_python_linking_to_the_wrapper_names_python_and_is_invoked_as_the_venv_path()
    {
        // Arrange: VE/bin/python → <prefix>/bin/python → ../tykky-launcher
        using var tree = new InstallationTree("python");
        var venvPython = tree.Link("ve/bin/python", Path.Join(tree.Prefix, "bin/python"));

        // Act
        var call = WrapperLocator.Locate([venvPython], null, "/", null);

        // Assert
        var wrapperCall = Assert.IsType<WrapperInvocation>(call);
        Assert.Equal("python", wrapperCall.ProgramName);
        Assert.Equal(venvPython, wrapperCall.InvokedAs);
        Assert.Equal(tree.CanonicalPrefix, wrapperCall.Prefix);
    }

    [Fact]
    public void The_last_link_inside_an_installation_bin_names_the_program()
    {
        // Arrange: VE/bin/python → python3 → <prefix>/bin/python3 → ../tykky-launcher
        using var tree = new InstallationTree("python3");
        tree.Link("ve/bin/python3", Path.Join(tree.Prefix, "bin/python3"));
        var venvPython = tree.Link("ve/bin/python", "python3");

        // Act
        var call = WrapperLocator.Locate([venvPython], null, "/", null);

        // Assert
        var wrapperCall = Assert.IsType<WrapperInvocation>(call);
        Assert.Equal("python3", wrapperCall.ProgramName);
        Assert.Equal(venvPython, wrapperCall.InvokedAs);
    }

    [Fact]
    public void A_wrapper_reached_through_a_symlinked_prefix_reports_the_canonical_prefix()
    {
        // Arrange
        using var tree = new InstallationTree("python");
        var linkedPrefix = tree.Link("projappl/current", tree.Prefix);
        var wrapper = Path.Join(linkedPrefix, "bin/python");

        // Act
        var call = WrapperLocator.Locate([wrapper], null, "/", null);

        // Assert
        var wrapperCall = Assert.IsType<WrapperInvocation>(call);
        Assert.Equal(tree.CanonicalPrefix, wrapperCall.Prefix);
        Assert.Equal("python", wrapperCall.ProgramName);
        Assert.Equal(wrapper, wrapperCall.InvokedAs);
    }

    [Fact]
    public void In_the_generational_layout_the_files_are_read_from_the_generation_the_launcher_runs_from()
    {
        // Arrange: P/generations/1 and 2, current -> generations/2, P/bin -> current/bin; the kernel started generation 1's launcher (a switch came after the exec)
        using var tree = new InstallationTree();
        var prefix = tree["gen"];
        foreach (var generation in new[] { "1", "2" })
        {
            tree.Write($"gen/generations/{generation}/tykky.json", "{}");
            tree.Write($"gen/generations/{generation}/tykky-launcher", "#!/bin/false\n", executable: true);
            tree.Link($"gen/generations/{generation}/bin/hello", "../tykky-launcher");
        }
        tree.Link("gen/current", "generations/2");
        tree.Link("gen/bin", "current/bin");
        tree.Link("gen/tykky.json", "current/tykky.json");
        tree.Link("gen/tykky-launcher", "current/tykky-launcher");
        var canonical = Tykky.Launcher.Native.PosixFiles.RealPath(prefix)!;

        // Act
        var call = Assert.IsType<WrapperInvocation>(WrapperLocator.Locate([Path.Join(prefix, "bin/hello")], null, "/", $"{canonical}/generations/1/tykky-launcher"));

        // Assert
        Assert.Equal($"{canonical}/generations/1", call.Prefix);
        Assert.Equal(canonical, call.StablePrefix);
        Assert.Equal("hello", call.ProgramName);
        Assert.False(call.ThroughOtherLinks);
    }

    [Fact]
    public void A_venv_link_to_a_wrapper_run_by_its_generations_launcher_names_the_program_and_is_through_other_links()
    {
        // Arrange: VE/bin/python -> P/bin/python -> ../tykky-launcher, P/bin -> current/bin -> generations/1/bin
        using var tree = new InstallationTree();
        tree.Write("gen/generations/1/tykky.json", "{}");
        tree.Write("gen/generations/1/tykky-launcher", "#!/bin/false\n", executable: true);
        tree.Link("gen/generations/1/bin/python", "../tykky-launcher");
        tree.Link("gen/current", "generations/1");
        tree.Link("gen/bin", "current/bin");
        var venvPython = tree.Link("ve/bin/python", Path.Join(tree["gen"], "bin/python"));
        var canonical = Tykky.Launcher.Native.PosixFiles.RealPath(tree["gen"])!;

        // Act
        var direct = Assert.IsType<WrapperInvocation>(WrapperLocator.Locate([Path.Join(tree["gen"], "bin/python")], null, "/", $"{canonical}/generations/1/tykky-launcher"));
        var throughVenv = Assert.IsType<WrapperInvocation>(WrapperLocator.Locate([venvPython], null, "/", $"{canonical}/generations/1/tykky-launcher"));

        // Assert
        Assert.Equal(("python", false), (direct.ProgramName, direct.ThroughOtherLinks));
        Assert.Equal(("python", true, venvPython), (throughVenv.ProgramName, throughVenv.ThroughOtherLinks, throughVenv.InvokedAs));
        Assert.Equal($"{canonical}/generations/1", throughVenv.Prefix);
    }

    [Fact]
    public void A_wrapper_called_by_its_installations_own_bin_path_is_named_by_the_path_and_runs_the_installations_own_launcher()
    {
        // Arrange: the generation's bin/ holds no link at all: a walk of the chain would find no wrapper
        using var tree = new InstallationTree();
        tree.Write("gen/generations/1/tykky.json", "{}");
        tree.Write("gen/generations/1/tykky-launcher", "#!/bin/false\n", executable: true);
        Directory.CreateDirectory(tree["gen/generations/1/bin"]);
        tree.Link("gen/current", "generations/1");
        tree.Link("gen/bin", "current/bin");
        var canonical = Tykky.Launcher.Native.PosixFiles.RealPath(tree["gen"])!;
        var launcher = $"{canonical}/generations/1/tykky-launcher";

        // Act
        var stable = Assert.IsType<WrapperInvocation>(WrapperLocator.Locate([$"{canonical}/bin/hello"], null, "/", launcher));
        var generations = Assert.IsType<WrapperInvocation>(WrapperLocator.Locate([$"{canonical}/generations/1/bin/hello"], null, "/", launcher));

        // Assert
        Assert.Equal(("hello", false, canonical), (stable.ProgramName, stable.ThroughOtherLinks, stable.StablePrefix));
        Assert.Equal("hello", generations.ProgramName);
        Assert.True(stable.RunsOwnLauncher);
        Assert.Equal($"{canonical}/generations/1", stable.Prefix);
        Assert.Equal($"{canonical}/generations/1", stable.FilesLookup); // opened only when the manifest is read from there (ManifestSource)
    }

    [Fact]
    public void A_wrapper_that_is_a_hard_link_of_the_launcher_is_named_by_its_path_even_when_called_by_the_path_the_kernel_names()
    {
        // Arrange: bin/hello is another name of the launcher file, so /proc/self/exe names it and not tykky-launcher
        using var tree = new InstallationTree();
        tree.Write("gen/generations/1/tykky.json", "{}");
        Directory.CreateDirectory(tree["gen/generations/1/bin"]);
        tree.Link("gen/bin", "generations/1/bin");
        tree.Link("gen/current", "bin/..");
        var canonical = Tykky.Launcher.Native.PosixFiles.RealPath(tree["gen"])!;
        var executable = $"{canonical}/generations/1/bin/hello";

        // Act
        var stable = Assert.IsType<WrapperInvocation>(WrapperLocator.Locate([$"{canonical}/bin/hello", "x"], null, "/", executable));
        var itself = Assert.IsType<WrapperInvocation>(WrapperLocator.Locate([executable], null, "/", executable));

        // Assert
        Assert.Equal(($"{canonical}/generations/1", "hello", canonical, true), (stable.Prefix, stable.ProgramName, stable.StablePrefix, stable.RunsOwnLauncher));
        Assert.Equal(["x"], stable.Arguments);
        Assert.Equal(($"{canonical}/generations/1", "hello", executable), (itself.Prefix, itself.ProgramName, itself.InvokedAs));
    }

    [Fact]
    public void A_launcher_binary_outside_the_installation_falls_back_to_the_wrappers_directory()
    {
        // Arrange
        using var tree = new InstallationTree("python");

        // Act
        var call = Assert.IsType<WrapperInvocation>(WrapperLocator.Locate([Path.Join(tree.Prefix, "bin/python")], null, "/", "/usr/lib/dotnet/dotnet"));

        // Assert
        Assert.Equal(tree.CanonicalPrefix, call.Prefix);
        Assert.Equal(tree.CanonicalPrefix, call.StablePrefix);
    }

    [Fact]
    public void A_prefix_whose_path_holds_a_space_is_located()
    {
        // Arrange
        using var tree = new InstallationTree("tool");
        var spaced = tree.Link("my projects/env link", tree.Prefix);

        // Act
        var call = WrapperLocator.Locate([Path.Join(spaced, "bin/tool")], null, "/", null);

        // Assert
        Assert.Equal(tree.CanonicalPrefix, Assert.IsType<WrapperInvocation>(call).Prefix);
    }

    [Fact]
    public void The_launcher_called_by_its_own_path_is_a_direct_invocation()
    {
        // Arrange
        using var tree = new InstallationTree("python");
        var launcher = Path.Join(tree.Prefix, "tykky-launcher");

        // Act
        var call = WrapperLocator.Locate([launcher, "--tykky-inner", "--drop-caps"], null, "/", null);

        // Assert
        var direct = Assert.IsType<DirectInvocation>(call);
        Assert.Equal(launcher, direct.LauncherPath);
        Assert.Equal(["--tykky-inner", "--drop-caps"], direct.Arguments);
    }

    [Fact]
    public void A_generations_launcher_called_by_the_path_the_kernel_started_is_a_direct_invocation()
    {
        // Arrange: the keeper and the inner step are started by the launcher's own path
        using var tree = new InstallationTree();
        tree.Write("gen/generations/1/tykky.json", "{}");
        var launcher = tree.Write("gen/generations/1/tykky-launcher", "#!/bin/false\n", executable: true);
        tree.Link("gen/generations/1/bin/python", "../tykky-launcher");

        // Act
        var call = WrapperLocator.Locate([launcher, "--tykky-keeper", "3"], null, "/", launcher);

        // Assert
        var direct = Assert.IsType<DirectInvocation>(call);
        Assert.Equal(launcher, direct.LauncherPath);
        Assert.Equal(["--tykky-keeper", "3"], direct.Arguments);
    }

    [Fact]
    public void A_link_to_the_launcher_outside_any_installation_bin_is_a_direct_invocation()
    {
        // Arrange
        using var tree = new InstallationTree();
        var stray = tree.Link("elsewhere/bin/python", Path.Join(tree.Prefix, "tykky-launcher"));

        // Act
        var call = WrapperLocator.Locate([stray], null, "/", null);

        // Assert
        Assert.Equal(stray, Assert.IsType<DirectInvocation>(call).LauncherPath);
    }

    [Theory]
    [InlineData("./python", "", "bin")]                  // cd P/bin && ./python
    [InlineData("bin/python", "", "")]                   // cd P && bin/python
    [InlineData("./././python", "", "bin")]
    [InlineData(".//bin/python", "/usr/bin", "")]
    // (PATH entries ".", "" and relative ones resolve against the process's own directory: LauncherBinarySpecs)
    public void A_relative_invocation_is_resolved_against_the_current_directory_and_invoked_as_an_absolute_path(string argv0, string searchPath, string cwdInPrefix)
    {
        // Arrange
        using var tree = new InstallationTree("python");
        var cwd = Path.Join(tree.Prefix, cwdInPrefix).TrimEnd('/');

        // Act
        var call = WrapperLocator.Locate([argv0, "-c", "1"], searchPath, cwd, null);

        // Assert
        var wrapperCall = Assert.IsType<WrapperInvocation>(call);
        Assert.Equal("python", wrapperCall.ProgramName);
        Assert.Equal(tree.CanonicalPrefix, wrapperCall.Prefix);
        Assert.Equal(Path.Join(tree.Prefix, "bin/python"), wrapperCall.InvokedAs);
        Assert.Equal(["-c", "1"], wrapperCall.Arguments);
    }

    [Fact]
    public void A_bare_name_not_on_PATH_is_an_error_naming_it()
    {
        // Arrange
        using var tree = new InstallationTree("python");

        // Act
        var failure = Assert.Throws<LaunchException>(() => WrapperLocator.Locate(["python"], tree["nowhere"], "/", null));

        // Assert
        Assert.Equal("tykky: cannot find the wrapper that was called 'python': argv[0] has no slash and is not on PATH; call the wrapper by its path", failure.ToLine());
        Assert.Equal(ExitCode.NotFound, failure.ExitCode);
    }

    [Fact]
    public void FindOnPath_skips_files_that_are_not_executable_and_directories()
    {
        // Arrange
        using var tree = new InstallationTree();
        tree.Write("a/tool", "not executable");
        Directory.CreateDirectory(tree["b/tool"]);
        var found = tree.Write("c/tool", "#!/bin/sh\n", executable: true);

        // Act
        var path = WrapperLocator.FindOnPath("tool", $"{tree["a"]}:{tree["b"]}:{tree["c"]}");

        // Assert
        Assert.Equal(found, path);
    }

    [Fact]
    public void A_symlink_loop_is_an_error()
    {
        // Arrange
        using var tree = new InstallationTree();
        tree.Link("loop/a", "b");
        var start = tree.Link("loop/b", "a");

        // Act
        var failure = Assert.Throws<LaunchException>(() => WrapperLocator.Locate([start], null, "/", null));

        // Assert
        Assert.StartsWith("tykky: too many levels of symbolic links '", failure.ToLine(), StringComparison.Ordinal);
        Assert.EndsWith("': fix the link chain of the wrapper", failure.ToLine(), StringComparison.Ordinal);
        Assert.Equal(ExitCode.Config, failure.ExitCode);
    }
}
