using System.CommandLine;
using Tykky.Builder.Config;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary>
/// What pip-containerize and conda-containerize share: the configuration of an update (taken from the
/// installation's share/conf.yaml, as upstream frontends/script_shared.py get_old_conf) and of
/// <c>advanced YAML</c>.
/// </summary>
public static class PackageRequests
{
    /// <summary>
    /// Keys of the old configuration an update does not take over: the inputs of that build (its scripts
    /// and package files were applied; they are in the image) and settings of the machine the build ran on.
    /// </summary>
    public static readonly IReadOnlySet<string> OneShotKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "pre_install", "post_install", "requirements_file", "env_file", "update_installation", "installation_prefix",
        "build_tmpdir_base", "workdir", "log_level",
    };

    /// <summary>The frontend that builds each mode, for messages.</summary>
    private static string FrontendOf(string? mode) => mode switch
    {
        "venv" => PipContainerizeCommand.Name,
        "conda" => CondaContainerizeCommand.Name,
        "spack" => SpackContainerizeCommand.Name,
        "wrapdisk" => WrapInstallCommand.Name,
        _ => $"a Tykky of another version (mode '{mode}')",
    };

    /// <summary>The configuration of an update of the installation in <paramref name="directory"/>, made by <paramref name="frontend"/> in <paramref name="mode"/>.</summary>
    public static ConfigMap ForUpdate(string directory, string mode, string frontend)
    {
        var prefix = UserPaths.Absolute(directory, "DIR (the installation to update)");
        var confPath = Path.Join(prefix, "share", "conf.yaml");
        if (!File.Exists(confPath))
        {
            throw new BuildException($"'{directory}' is not a Tykky installation (no share/conf.yaml); give the prefix of an installation made by '{frontend} new'");
        }
        var old = YamlConfigReader.ReadFile(confPath, "installation configuration");
        var oldMode = (old.Get("mode") as ConfigScalar)?.Value;
        if (oldMode != mode)
        {
            throw new BuildException($"'{directory}' was made by {FrontendOf(oldMode)}, not {frontend}; update it with that tool");
        }
        var user = new ConfigMap(old.Entries.Where(e => !OneShotKeys.Contains(e.Key)).ToArray(), confPath)
            .With("installation_prefix", new ConfigScalar(prefix, "DIR"))
            .With("update_installation", new ConfigScalar("yes", $"{frontend} update"));
        return WithOwnContainer(user, prefix, old);
    }

    /// <summary>
    /// An update reuses the installation's container: its own copy in the prefix, or, with
    /// share_container, the image it links to (upstream get_old_conf).
    /// </summary>
    private static ConfigMap WithOwnContainer(ConfigMap user, string prefix, ConfigMap old)
    {
        var values = new ConfigValues(old);
        if (values.Flag("share_container", false) || values.OptionalText("container_image") is not { } image)
        {
            return user;
        }
        var own = Path.Join(prefix, image);
        return File.Exists(own) ? user.With("container_src", new ConfigScalar(own, "the installation's container")) : user;
    }

    /// <summary>
    /// The request of <c>FRONTEND advanced YAML</c>: the file's keys as they are, with this frontend's
    /// mode when it names none; update_installation in the file makes it an update.
    /// </summary>
    public static BuildRequest Advanced(string yamlFile, string mode, string frontend)
    {
        var user = YamlConfigReader.ReadFile(yamlFile, "advanced YAML");
        var values = new ConfigValues(user);
        var givenMode = values.OptionalText("mode");
        if (givenMode is not null && givenMode != mode)
        {
            throw new BuildException($"Advanced YAML '{yamlFile}' sets mode '{givenMode}'; {frontend} builds mode {mode} (leave mode out)");
        }
        user = user.With("mode", new ConfigScalar(mode, frontend));
        var inputs = new List<string> { yamlFile };
        foreach (var key in new[] { "requirements_file", "env_file" })
        {
            if (values.OptionalText(key) is { } file)
            {
                var absolute = UserPaths.Absolute(file, key);
                user = user.With(key, new ConfigScalar(absolute, user.Get(key)!.Origin));
                if (File.Exists(absolute))
                {
                    inputs.Add(absolute);
                }
            }
        }
        return new BuildRequest(user, inputs, values.Flag("update_installation", false));
    }

    /// <summary>
    /// The configuration of <c>FRONTEND new DIR</c> when DIR was written by <c>tykky export</c> (null when
    /// <paramref name="given"/> is not a directory): the exported configuration, a new installation.
    /// </summary>
    public static (ConfigMap User, List<string> Inputs)? FromExport(string given, string mode, string frontend)
    {
        var directory = Path.GetFullPath(given);
        if (!Directory.Exists(directory))
        {
            return null;
        }
        var (user, lockFiles) = Locks.InstallationExport.ReadForBuild(directory, mode);
        return (user.With("mode", new ConfigScalar(mode, frontend)).With("update_installation", new ConfigScalar("no", frontend)), lockFiles);
    }

    /// <summary>Adds the subcommand <c>advanced YAML</c> to <paramref name="command"/>.</summary>
    private static void AddAdvanced(Command command, BuildServices services, string mode, string frontend)
    {
        var advanced = new Command("advanced", "Build from a YAML file of configuration keys (see the README)");
        var yaml = new Argument<string>("YAML") { Description = "YAML file of configuration keys" };
        advanced.Arguments.Add(yaml);
        advanced.SetAction(result => new InstallationBuild(services).Run(() =>
        {
            var file = UserPaths.Absolute(result.GetValue(yaml)!, "Advanced YAML file");
            return UserPaths.FileProblem(file) is { } problem
                ? throw new BuildException($"Advanced YAML file '{result.GetValue(yaml)}' {problem}; give the path of an existing file")
                : Advanced(file, mode, frontend);
        }));
        command.Subcommands.Add(advanced);
    }

    /// <summary>
    /// Sets up a package frontend: its description, <c>new</c> (made by the frontend), <c>update DIR</c>
    /// with <paramref name="updateInput"/>, the common options (and --nocache where pip may run), and
    /// <c>advanced YAML</c>.
    /// </summary>
    public static Command Configure(Command command, BuildServices services, string description, string mode, string frontend, Command newCommand, PackageInput updateInput)
    {
        command.Description = description;
        command.Subcommands.Add(newCommand);
        command.Subcommands.Add(Update(services, mode, frontend, updateInput));
        AddAdvanced(command, services, mode, frontend);
        return command;
    }

    /// <summary>A pip requirements file given with <paramref name="option"/>: the requirements_file key, with --nocache beside it.</summary>
    public static PackageInput Requirements(Option<string> option) =>
        new(option, "requirements_file", "Requirements file", "give the path of a pip requirements file", WithNoCache: true, Installs: "pip requirements");

    /// <summary>--nocache: pip and uv do not use (or fill) their cache.</summary>
    public static Option<bool> NoCacheOption() => new("--nocache") { Description = "Do not use or fill the pip/uv cache" };

    /// <summary>The user's requirements file (absolute); an error naming <paramref name="what"/> when it does not exist.</summary>
    public static string RequirementsFile(string given, string what)
    {
        var file = UserPaths.Absolute(given, $"Requirements file{what}");
        return UserPaths.FileProblem(file) is { } problem ? throw new BuildException($"Requirements file '{given}'{what} {problem}; give the path of a pip requirements file") : file;
    }

    /// <summary>Applies -r (requirements_file, recorded as an input) and --nocache (pipcache: no).</summary>
    public static ConfigMap WithRequirementsAndCache(ParseResult result, ConfigMap user, Option<string> requirements, Option<bool> noCache, List<string> inputs)
    {
        return WithNoCache(result, WithInput(result, user, Requirements(requirements), inputs), noCache);
    }

    /// <summary>Applies --nocache: pipcache no.</summary>
    private static ConfigMap WithNoCache(ParseResult result, ConfigMap user, Option<bool> noCache) =>
        result.GetValue(noCache) ? user.With("pipcache", new ConfigScalar("no", "--nocache")) : user;

    /// <summary>Applies <paramref name="input"/> when given: its file (absolute, recorded as an input) as its key; an error when it does not exist.</summary>
    public static ConfigMap WithInput(ParseResult result, ConfigMap user, PackageInput input, List<string> inputs)
    {
        if (result.GetValue(input.Option) is not { } given)
        {
            return user;
        }
        var file = Path.GetFullPath(given);
        if (!File.Exists(file))
        {
            throw new BuildException($"{input.What} '{given}' ({input.Option.Name}) does not exist; {input.Fix}");
        }
        inputs.Add(file);
        return user.With(input.Key, new ConfigScalar(file, input.Option.Name));
    }

    private static Command Update(BuildServices services, string mode, string frontend, PackageInput input)
    {
        var command = new Command("update", $"Update an existing installation: install {input.Installs} or run a post-install script in its environment");
        var common = new CommonOptions();
        var directory = new Argument<string>("DIR") { Description = "The installation to update (its prefix)" };
        var noCache = NoCacheOption();
        command.Arguments.Add(directory);
        CommonOptions.AddTo(command, [input.Option, .. input.WithNoCache ? [noCache] : Array.Empty<Option>(), common.PreInstall, common.PostInstall, common.Environ, common.WrapperPaths]);
        command.SetAction(result => new InstallationBuild(services).Run(() =>
        {
            var inputs = new List<string>();
            var user = WithInput(result, ForUpdate(result.GetValue(directory)!, mode, frontend), input, inputs);
            user = input.WithNoCache ? WithNoCache(result, user, noCache) : user;
            return new BuildRequest(common.Apply(result, user, inputs), inputs, IsUpdate: true);
        }));
        return command;
    }

    /// <summary>Sets <paramref name="key"/> to yes when <paramref name="set"/>.</summary>
    public static ConfigMap WithFlag(ConfigMap user, string key, bool set, string origin) =>
        set ? user.With(key, new ConfigScalar("yes", origin)) : user;
}
