using System.CommandLine;
using Tykky.Builder.Config;

namespace Tykky.Builder.Commands;

/// <summary>The options several frontends share (SPEC §2), and how they become configuration keys.</summary>
public sealed class CommonOptions
{
    /// <summary>--prefix DIR.</summary>
    public Option<string> Prefix { get; } = new("--prefix") { Description = "Installation directory (created if missing; must be new or empty)" };

    /// <summary>--pre-install FILE.</summary>
    public Option<string> PreInstall { get; } = new("--pre-install") { Description = "Shell script run inside the container before the installation step" };

    /// <summary>--post-install FILE.</summary>
    public Option<string> PostInstall { get; } = new("--post-install") { Description = "Shell script run inside the container after the installation step" };

    /// <summary>--environ FILE.</summary>
    public Option<string> Environ { get; } = new("--environ") { Description = "File of NAME=VALUE lines set before every program launch" };

    /// <summary>-w/--wrapper-paths a,b.</summary>
    public Option<string> WrapperPaths { get; } = new("--wrapper-paths", "-w") { Description = "Comma-separated paths inside the installation to create wrappers for (relative to the installation path)" };

    /// <summary>-y/--yaml FILE.</summary>
    public Option<string> Yaml { get; } = new("--yaml", "-y") { Description = "YAML file of configuration keys" };

    /// <summary>Adds the given options to <paramref name="command"/>.</summary>
    public static void AddTo(Command command, params Option[] options)
    {
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The user's input file for <paramref name="option"/>, made absolute; an error when it does not exist.</summary>
    public static string? ExistingFile(ParseResult result, Option<string> option)
    {
        var value = result.GetValue(option);
        if (value is null)
        {
            return null;
        }
        var path = UserPaths.Absolute(value, $"{option.Name} file");
        return UserPaths.FileProblem(path) is { } problem ? throw new BuildException($"{option.Name} file '{value}' {problem}; give the path of an existing file") : path;
    }

    /// <summary>Applies --yaml, --prefix, --pre/--post-install, --environ and -w to <paramref name="user"/> in upstream's order; collects input files.</summary>
    public ConfigMap Apply(ParseResult result, ConfigMap user, List<string> inputs)
    {
        if (ExistingFile(result, Yaml) is { } yaml)
        {
            user = user.WithAll(YamlConfigReader.ReadFile(yaml, "YAML file (-y)"));
            inputs.Add(yaml);
        }
        if (result.GetValue(Prefix) is { } prefix)
        {
            user = user.With("installation_prefix", new ConfigScalar(UserPaths.Absolute(prefix, "--prefix"), "--prefix"));
        }
        user = WithFileList(user, "extra_envs", ExistingFile(result, Environ), inputs);
        user = WithFileList(user, "post_install", ExistingFile(result, PostInstall), inputs);
        user = WithFileList(user, "pre_install", ExistingFile(result, PreInstall), inputs);
        if (result.GetValue(WrapperPaths) is { } paths)
        {
            var existing = user.Get("wrapper_paths") is ConfigList list ? list.Items : [];
            var added = paths.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => (ConfigNode)new ConfigScalar(p, "-w"));
            user = user.With("wrapper_paths", new ConfigList([.. existing, .. added], "-w"));
        }
        return user;
    }

    private static ConfigMap WithFileList(ConfigMap user, string key, string? file, List<string> inputs)
    {
        if (file is null)
        {
            return user;
        }
        inputs.Add(file);
        return user.With(key, new ConfigList([new ConfigMap([new("file", new ConfigScalar(file, key))], key)], key));
    }
}
