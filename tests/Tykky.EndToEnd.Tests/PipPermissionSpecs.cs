using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>Site hygiene of pip installations: the umask and the prefix's setgid group, and builds by an unprivileged user.</summary>
[Collection(PipInstallationCollection.Name)]
public sealed class PipPermissionSpecs(PipInstallation pip) : IDisposable
{
    private const UnixFileMode OtherAccess = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly TempDir _scratch = new("pip-permissions");

    public void Dispose() => _scratch.Dispose();

    [RootFact]
    public void The_umask_and_the_setgid_group_of_the_parent_directory_are_respected()
    {
        // Arrange: a project directory of group 'users' with setgid, and a umask that keeps others out
        var project = _scratch["project"];
        Directory.CreateDirectory(project);
        Assert.Equal(0, Run.Command(["chgrp", "users", project]).ExitCode);
        Assert.Equal(0, Run.Command(["chmod", "2775", project]).ExitCode);
        _scratch.Write("requirements.txt", "tykkydemo\n");
        var prefix = Path.Join(project, "inst");
        var builds = new Builds(_scratch);

        // Act
        var build = Run.Bash($"umask 027 && exec '{ToolTree.Bin("pip-containerize")}' new --prefix '{prefix}' requirements.txt",
            new RunOptions { Environment = pip.Wheels.Environment(new Dictionary<string, string?> { ["CW_BUILD_TMPDIR"] = builds.BuildBase }), WorkingDirectory = _scratch.Path });

        // Assert
        Assert.True(build.ExitCode == 0, build.ToString());
        var entries = Directory.EnumerateFileSystemEntries(prefix, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Prepend(prefix).ToArray();
        Assert.All(entries, entry => Assert.Equal("users", Run.Command(["stat", "-c", "%G", entry]).Out.Trim()));
        Assert.All(entries, entry => Assert.True((File.GetUnixFileMode(entry) & OtherAccess) == 0, $"{entry} is open to others: {File.GetUnixFileMode(entry)}"));
        Assert.Equal("hello from tykkydemo\n", pip.Run([Path.Join(prefix, "bin", "python"), "-c", "import tykkydemo; print(tykkydemo.GREETING)"]).Out);
    }

    [RootFact]
    public void An_unprivileged_user_builds_an_installation_and_a_venv_on_top()
    {
        // Arrange: a directory the user owns
        var user = Host.UnprivilegedUser;
        var home = _scratch["home"];
        _scratch.Write("home/requirements.txt", "tykkydemo\n");
        var builds = new Builds(_scratch);
        Directory.CreateDirectory(builds.BuildBase);
        Assert.Equal(0, Run.Command(["chown", "-R", $"{user}:{user}", home, builds.BuildBase]).ExitCode);
        var options = new RunOptions { User = user, WorkingDirectory = home, Environment = pip.Wheels.Environment(new Dictionary<string, string?> { ["HOME"] = home }) };

        // Act
        var build = builds.Run("pip-containerize", ["new", "--prefix", $"{home}/inst", "requirements.txt"], options);
        var venv = Run.Command([$"{home}/inst/bin/python", "-m", "venv", "--system-site-packages", $"{home}/VE"], options);
        var run = Run.Command([$"{home}/VE/bin/python", "-c", "import os, tykkydemo; print(os.getuid() != 0, tykkydemo.GREETING)"], options);

        // Assert
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(venv.ExitCode == 0, venv.ToString());
        Assert.Equal("True hello from tykkydemo\n", run.Out);
        Assert.Empty(builds.Leftovers());
    }
}
