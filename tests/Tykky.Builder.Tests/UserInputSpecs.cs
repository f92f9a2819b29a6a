using Tykky.Builder.Config;
using Tykky.Builder.Packages;
using Tykky.Builder.Steps;
using Tykky.Launcher.Manifest;
using Tykky.Tests;
using static Tykky.Builder.Tests.Fixtures.Configs;

namespace Tykky.Builder.Tests;

/// <summary>Input checked before anything is built (issues #8.8, #9.6): paths, environment files, what a launch must see.</summary>
public sealed class UserInputSpecs : IDisposable
{
    private readonly TempDir _scratch = new("user-input");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void A_path_of_the_wrong_type_is_called_what_it_is()
    {
        var file = _scratch.Write("file.txt", "text");
        File.CreateSymbolicLink(_scratch["dangling"], _scratch["nowhere"]);

        Assert.Null(UserPaths.FileProblem(file));
        Assert.Equal("is a directory, not a file", UserPaths.FileProblem(_scratch.Path));
        Assert.Equal("is a file, not a directory", UserPaths.DirectoryProblem(file));
        Assert.Equal("does not exist", UserPaths.DirectoryProblem(_scratch["missing"]));
        Assert.Equal($"is a link to '{_scratch["nowhere"]}', which does not exist", UserPaths.FileProblem(_scratch["dangling"]));
    }

    [Theory]
    [InlineData(3839, null)]
    [InlineData(3840, "is 3840 bytes long; Linux paths are at most 4095 bytes (PATH_MAX) and Tykky's own files below it need up to 256: choose a path of at most 3839 bytes")]
    public void A_path_must_leave_room_for_Tykky_s_files_below_PATH_MAX(int length, string? error)
    {
        var path = "/" + string.Join('/', Enumerable.Repeat(new string('a', 99), 40))[..(length - 1)];

        var thrown = Record.Exception(() => UserPaths.CheckLength(path, "Installation prefix"));

        Assert.Equal(error, thrown is null ? null : thrown.Message[(thrown.Message.IndexOf("' ", StringComparison.Ordinal) + 2)..]);
    }

    [Fact]
    public void An_empty_path_is_refused()
    {
        Assert.Equal("--prefix is an empty path; give a path", Assert.Throws<BuildException>(() => UserPaths.Absolute("", "--prefix")).Message);
    }

    [Theory]
    [InlineData("env.yml", "name: x\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - pip:\n    - requests\n", null)]
    [InlineData("env.yaml", "", null)]
    [InlineData("spec.txt", "# comment\n@EXPLICIT\nhttps://conda.anaconda.org/conda-forge/linux-64/python-3.11.2-h_0.conda#abc\n", null)]
    [InlineData("spec.txt", "python=3.11=h_0\nnumpy >=1.20\nconda-forge::scipy\nlibblas[build=*mkl]\n", null)]
    [InlineData("env.yml", "dependencies: python\n", "'dependencies' (")]
    [InlineData("env.yml", "[a, b]\n", "must be a mapping of keys to values")]
    [InlineData("spec.txt", "python\n!!! not a package\n", "line 2: '!!! not a package' is not a package spec")]
    public void An_environment_file_must_have_the_shape_conda_reads(string name, string content, string? error)
    {
        var path = _scratch.Write(name, content);

        var thrown = Record.Exception(() => CondaEnvironmentFile.Check(path, "Conda environment file"));

        if (error is null)
        {
            Assert.Null(thrown);
        }
        else
        {
            Assert.Contains(error, Assert.IsType<BuildException>(thrown).Message);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00 }, "is a binary file (byte 5 is not text)")]
    [InlineData(new byte[] { 0x6e, 0x61, 0x6d, 0x65, 0xff, 0xfe }, "is a binary file (byte 4 is not text)")]
    public void A_binary_environment_file_is_refused(byte[] content, string error)
    {
        var path = _scratch["env.yml"];
        File.WriteAllBytes(path, content);

        Assert.Contains(error, Assert.Throws<BuildException>(() => CondaEnvironmentFile.Check(path, "Conda environment file")).Message);
    }

    private static BuildConfig HostConfig(string yaml) =>
        BuildConfigReader.Read(Yaml("mode: wrapdisk\ninstallation_path: /LOCAL_TYKKY\ninstallation_prefix: /home/u/inst\nbuild_tmpdir_base: /tmp\n").WithAll(Yaml(yaml)), _ => null, () => "x");

    private static readonly RuntimeSpec Bwrap = new() { Kind = RuntimeKind.Bwrap, Executable = "/usr/bin/bwrap", Squashfuse = "/usr/bin/squashfuse" };

    public static TheoryData<string, string?> VisibilityRows() => new()
    {
        { "", null },
        // the --mask of a directory under /tmp leaves /tmp unbound: the prefix is bound on its own
        { "installation_path: /tmp/x/src\nexcluded_mount_points: [/tmp]\nmask_wrap_install: yes\n", null },
        { "installation_path: /usr/local/tool\nexcluded_mount_points: [/usr]\nmask_wrap_install: yes\n",
            "The image mounted at '/usr/local/tool' (installation_path) hides /usr (a system directory), which every launch needs; --mask mounts the image over '/usr/local/tool' and leaves '/usr' unbound: wrap it without --mask" },
        { "installation_path: /home/u\n", "The image mounted at '/home/u' (installation_path) hides /home/u/inst (the installation's prefix with its launcher)" },
        { "excluded_mount_points: [/proc]\n", "Leaving '/proc' unbound (excluded_mount_points) hides /proc (a system directory)" },
        { "excluded_mount_points: [/]\n", "Leaving '/' unbound (excluded_mount_points) hides /usr" },
        // an isolated container brings its own root
        { "isolate: yes\nexcluded_mount_points: [/usr]\n", null },
    };

    [Theory]
    [MemberData(nameof(VisibilityRows))]
    public void What_a_launch_needs_must_stay_visible_inside(string yaml, string? error)
    {
        var thrown = Record.Exception(() => LaunchVisibility.Check(HostConfig(yaml), Bwrap));

        if (error is null)
        {
            Assert.Null(thrown);
        }
        else
        {
            Assert.Contains(error, Assert.IsType<BuildException>(thrown).Message);
        }
    }
}
