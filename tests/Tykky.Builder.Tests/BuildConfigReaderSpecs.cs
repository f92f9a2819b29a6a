using Tykky.Builder.Config;
using Tykky.Builder.Reporting;
using static Tykky.Builder.Tests.Fixtures.Configs;

namespace Tykky.Builder.Tests;

/// <summary>
/// From the merged configuration to a checked <see cref="BuildConfig"/>: variables expanded (unset kept),
/// the composable suffix, environment overrides, absolute paths, typed values and their errors.
/// </summary>
public class BuildConfigReaderSpecs
{
    private const string Base = """
        mode: wrapdisk
        installation_path: /LOCAL_TYKKY
        installation_prefix: /home/user/env
        build_tmpdir_base: /tmp
        """;

    /// <summary>A row: config keys over <see cref="Base"/>, the environment, and what one part of the result shows (or the error).</summary>
    public sealed record Case(string Name, string Yaml)
    {
        public string[] Environment { get; init; } = ["HOME=/home/user", "USER=user", "PWD=/home/user/work"];

        public Func<BuildConfig, string> Show { get; init; } = _ => "";

        public string Expected { get; init; } = "";

        public string? ExpectedError { get; init; }

        public override string ToString() => Name;
    }

    public static TheoryData<Case> Rows() =>
    [
        // Variable expansion at build time.
        new("$VAR in a value is expanded from the environment", "installation_prefix: $HOME/envs/a") { Show = c => c.InstallationPrefix, Expected = "/home/user/envs/a" },
        new("${VAR} in a value is expanded", "installation_prefix: /x/${USER}_env") { Show = c => c.InstallationPrefix, Expected = "/x/user_env" },
        new("An unset variable is left as written", "sqfs_image: $NOPE/${ALSO_NOPE}.sqfs") { Show = c => c.SqfsImage, Expected = "$NOPE/${ALSO_NOPE}.sqfs" },
        new("\\$ is a literal dollar", "sqfs_image: '\\$HOME.sqfs'") { Show = c => c.SqfsImage, Expected = "$HOME.sqfs" },
        new("List items are expanded", "mount_points: [$HOME, /scratch/$USER, $NOPE]") { Show = c => string.Join(',', c.MountPoints), Expected = "/home/user,/scratch/user,$NOPE" },
        new("Shell snippets are not expanded (the shell does it later)", "post_install: ['echo $HOME', {file: $HOME/post.sh}]")
        {
            Show = c => string.Join(',', c.PostInstall.Select(p => p.Text ?? $"file {p.File}")),
            Expected = "echo $HOME,file $HOME/post.sh",
        },
        new("Launch environment values are not expanded (the launcher does it)", "extra_envs: [{name: CACHE, value: $HOME/.cache, type: prepend}]")
        {
            Show = c => string.Join(',', c.ExtraEnvs.Select(e => $"{e.Type} {e.Name}={e.Value}")),
            Expected = "prepend CACHE=$HOME/.cache",
        },
        new("The effective configuration records expanded values", "installation_prefix: $HOME/env") { Show = c => Render(c.Effective.Get("installation_prefix")!), Expected = "/home/user/env" },

        // composable.
        new("composable appends the random suffix to the installation path", "composable: yes") { Show = c => c.InstallationPath, Expected = "/LOCAL_TYKKY_K3X9" },
        new("composable: no keeps the installation path", "composable: no") { Show = c => c.InstallationPath, Expected = "/LOCAL_TYKKY" },
        new("composable is not applied on update (the path must stay)", "composable: yes\nupdate_installation: yes") { Show = c => c.InstallationPath, Expected = "/LOCAL_TYKKY" },
        new("composable is not applied with --mask (the path is the original's)", "composable: yes\nmask_wrap_install: yes") { Show = c => c.InstallationPath, Expected = "/LOCAL_TYKKY" },
        new("Relative wrapper paths land under the suffixed installation path", "composable: yes\nwrapper_paths: [bin]") { Show = c => string.Join(',', c.WrapperPaths), Expected = "/LOCAL_TYKKY_K3X9/bin" },
        new("The effective configuration records the suffixed path", "composable: yes") { Show = c => Render(c.Effective.Get("installation_path")!), Expected = "/LOCAL_TYKKY_K3X9" },

        // Environment overrides.
        new("CW_BUILD_TMPDIR overrides build_tmpdir_base", "build_tmpdir_base: /tmp") { Environment = ["CW_BUILD_TMPDIR=/local/build"], Show = c => c.BuildTmpdirBase, Expected = "/local/build" },
        new("An empty CW_BUILD_TMPDIR is ignored", "build_tmpdir_base: /tmp") { Environment = ["CW_BUILD_TMPDIR="], Show = c => c.BuildTmpdirBase, Expected = "/tmp" },
        new("A relative CW_BUILD_TMPDIR is an error naming it", "")
        {
            Environment = ["CW_BUILD_TMPDIR=build"],
            ExpectedError = "the build directory base (CW_BUILD_TMPDIR or build_tmpdir_base) 'build' is not an absolute path; give an absolute path",
        },
        new("CW_LOG_LEVEL overrides log_level", "log_level: 1") { Environment = ["CW_LOG_LEVEL=3"], Show = c => c.LogLevel.ToString(), Expected = nameof(LogLevel.Debug) },
        new("log_level applies without CW_LOG_LEVEL", "log_level: 0") { Show = c => c.LogLevel.ToString(), Expected = nameof(LogLevel.Error) },
        new("A log level above 3 is debug", "log_level: 7") { Show = c => c.LogLevel.ToString(), Expected = nameof(LogLevel.Debug) },
        new("The log level is info when unset", "") { Show = c => c.LogLevel.ToString(), Expected = nameof(LogLevel.Info) },

        // Paths.
        new("Relative wrapper paths are made absolute under the installation path, absolute ones are kept", "wrapper_paths: [bin, opt/tool/bin, /usr/bin/env]")
        {
            Show = c => string.Join(',', c.WrapperPaths),
            Expected = "/LOCAL_TYKKY/bin,/LOCAL_TYKKY/opt/tool/bin,/usr/bin/env",
        },
        new("A trailing slash of the installation path is dropped", "installation_path: /LOCAL_TYKKY/") { Show = c => c.InstallationPath, Expected = "/LOCAL_TYKKY" },
        new("A relative installation path is an error naming the key", "installation_path: LOCAL_TYKKY")
        {
            ExpectedError = "installation_path 'LOCAL_TYKKY' is not an absolute path; give an absolute path",
        },
        new("A relative prefix is an error naming --prefix", "installation_prefix: envs/a") { ExpectedError = "installation_prefix (--prefix) 'envs/a' is not an absolute path" },
        new("A relative build_tmpdir_base is an error", "build_tmpdir_base: tmp") { ExpectedError = "(CW_BUILD_TMPDIR or build_tmpdir_base) 'tmp' is not an absolute path" },
        new("A missing installation path is an error saying where to set it", "installation_path:")
        {
            ExpectedError = "Configuration key 'installation_path' is not set; set it in the site config or with the matching option",
        },
        new("A variable that stays unset makes a path relative, and that is reported", "installation_prefix: $NOT_SET/env")
        {
            ExpectedError = "installation_prefix (--prefix) '$NOT_SET/env' is not an absolute path",
        },
        new("A list where one path belongs is an error naming the key and line", "installation_path: [/a, /b]")
        {
            ExpectedError = "Configuration key 'installation_path' (user.yaml:1) must be a single value",
        },
        new("The workdir defaults to PWD", "") { Show = c => c.Workdir, Expected = "/home/user/work" },
        new("The workdir is / without PWD", "") { Environment = [], Show = c => c.Workdir, Expected = "/" },
        new("A configured workdir wins over PWD", "workdir: /scratch/w") { Show = c => c.Workdir, Expected = "/scratch/w" },

        // Typed values.
        new("mode wrapdisk is a wrap-install", "") { Show = c => c.Mode.ToString(), Expected = nameof(BuildMode.WrapInstall) },
        new("Another mode is an error listing what this Tykky builds", "mode: docker") { ExpectedError = "Configuration key 'mode' is 'docker'; this Tykky builds: wrapdisk, wrapcont, venv, conda" },
        new("runtime names are case-insensitive and bubblewrap means bwrap", "runtime: BubbleWrap") { Show = c => c.Runtime.ToString(), Expected = nameof(RuntimeChoice.Bwrap) },
        new("runtime defaults to auto", "") { Show = c => c.Runtime.ToString(), Expected = nameof(RuntimeChoice.Auto) },
        new("An unknown runtime is an error listing the choices", "runtime: docker")
        {
            ExpectedError = "Configuration key 'runtime' is 'docker'; use auto, apptainer, singularity or bwrap",
        },
        new("Yes/no values accept yes, true, on, 1, y in any case", "isolate: 'ON'\nwrap_all: Y\nadd_ld: 'TRUE'\ncreate_wrappers: 'no'")
        {
            Show = c => $"{c.Isolate} {c.WrapAll} {c.AddLd} {c.CreateWrappers}",
            Expected = "True True True False",
        },
        new("Unset yes/no values take their defaults", "") { Show = c => $"{c.Isolate} {c.WrapAll} {c.AddLd} {c.CreateWrappers}", Expected = "False False False True" },
        new("A yes/no value that is neither is an error naming key, line and value", "\nisolate: maybe")
        {
            ExpectedError = "Configuration key 'isolate' (user.yaml:2) is 'maybe'; use yes or no",
        },
        new("A number that is not whole is an error naming key, line and value", "num_cpus: four") { ExpectedError = "Configuration key 'num_cpus' (user.yaml:1) is 'four'; use a whole number" },
        new("Processors are num_cpus capped by max_num_cpus", "num_cpus: 16\nmax_num_cpus: 8") { Show = c => c.Processors.ToString(), Expected = "8" },
        new("Processors are num_cpus when below the cap", "num_cpus: 3\nmax_num_cpus: 8") { Show = c => c.Processors.ToString(), Expected = "3" },
        new("Processors are at least one", "num_cpus: 0") { Show = c => c.Processors.ToString(), Expected = "1" },
        new("sqfs_options split on spaces", "sqfs_options: '-noappend  -comp zstd '") { Show = c => string.Join('|', c.SqfsOptions), Expected = "-noappend|-comp|zstd" },
        new("sqfs_image defaults to img.sqfs", "") { Show = c => c.SqfsImage, Expected = "img.sqfs" },
        new("A single mount point is a list of one", "mount_points: /scratch") { Show = c => string.Join(',', c.MountPoints), Expected = "/scratch" },
        new("An empty list value is an empty list", "excluded_mount_points:") { Show = c => c.ExcludedMountPoints.Count.ToString(), Expected = "0" },
        new("A list of maps where paths belong is an error", "mount_points: [{a: b}]") { ExpectedError = "Configuration key 'mount_points' (user.yaml:1) must be a list of values" },
        new("A snippet that is neither a line nor a file is an error", "pre_install: [[nested]]") { ExpectedError = "Configuration key 'pre_install' (user.yaml:1) must be shell lines or {file: PATH} items" },
        new("An extra_envs item without file or name is an error", "extra_envs: [{value: x}]") { ExpectedError = "Configuration key 'extra_envs' (user.yaml:1) must be {file: PATH} or {name: N, value: V, type: set|prepend|append} items" },
        new("An extra_envs item without a type is set", "extra_envs: [{name: A}]") { Show = c => string.Join(',', c.ExtraEnvs.Select(e => $"{e.Type} {e.Name}={e.Value}")), Expected = "set A=" },
        new("A single snippet line is a list of one", "post_install: echo done") { Show = c => string.Join(',', c.PostInstall.Select(p => p.Text)), Expected = "echo done" },
        new("wrap_src is read as given", "wrap_src: /opt/app") { Show = c => c.WrapSource ?? "(null)", Expected = "/opt/app" },
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Read_matches_the_row(Case row)
    {
        var merged = Yaml(Base, "site.yaml").WithAll(Yaml(row.Yaml));
        var environment = row.Environment.Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        BuildConfig Read() => BuildConfigReader.Read(merged, environment.GetValueOrDefault, () => "K3X9");

        if (row.ExpectedError is { } error)
        {
            var failure = Assert.Throws<BuildException>(Read);
            Assert.Contains(error, failure.Message, StringComparison.Ordinal);
            return;
        }
        Assert.Equal(row.Expected, row.Show(Read()));
    }

    [Fact]
    public void The_random_suffix_is_asked_for_only_when_composable()
    {
        // Arrange
        var calls = 0;
        string Suffix() => $"S{++calls}";
        var plain = Yaml(Base);
        var composable = plain.With("composable", new ConfigScalar("yes", "test"));

        // Act
        var first = BuildConfigReader.Read(plain, _ => null, Suffix);
        var second = BuildConfigReader.Read(composable, _ => null, Suffix);

        // Assert
        Assert.Equal("/LOCAL_TYKKY", first.InstallationPath);
        Assert.Equal("/LOCAL_TYKKY_S1", second.InstallationPath);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Keys_Tykky_does_not_know_are_listed_with_where_they_were_set()
    {
        // Arrange
        var user = Yaml("installation_path: /X\ninstalation_prefix: /typo\nmount_points: []\nfoo: 1");

        // Act
        var unknown = BuildConfigReader.UnknownKeys(user);

        // Assert
        Assert.Equal(["'instalation_prefix' (user.yaml:2)", "'foo' (user.yaml:4)"], unknown);
    }
}
