using System.CommandLine;
using Tykky.Builder.Config;
using Tykky.Builder.Container;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary>
/// <c>wrap-container -w /abs/paths [opts] CONTAINER</c>: wrappers for programs already inside a container,
/// which runs isolated (upstream frontends/wrap-container.py at 073366c: mode wrapcont, isolate yes, the
/// YAML file may override both).
/// </summary>
public static class WrapContainerCommand
{
    /// <summary>The frontend's name.</summary>
    public const string Name = "wrap-container";

    /// <summary>Adds the options, argument and action to <paramref name="command"/>.</summary>
    public static Command Configure(Command command, BuildServices services)
    {
        command.Description = "Create wrappers for programs inside a container; they run isolated: only mount_points and the installation are bound in";
        var common = new CommonOptions();
        common.WrapperPaths.Description = "Comma-separated absolute paths inside the container whose programs get wrappers (required; a file path wraps one program)";
        var container = new Argument<string>("CONTAINER") { Description = $"The container: {ContainerImageProbe.Kinds}, or a docker:// URL (pulled with apptainer)" };
        command.Arguments.Add(container);
        CommonOptions.AddTo(command, common.Prefix, common.WrapperPaths, common.Yaml, common.Environ);
        command.SetAction(result => new InstallationBuild(services).Run(() => Request(result, common, result.GetValue(container)!)));
        return command;
    }

    private static BuildRequest Request(ParseResult result, CommonOptions common, string container)
    {
        if (result.GetValue(common.WrapperPaths) is null)
        {
            throw new BuildException($"{Name} requires -w/--wrapper-paths with absolute paths inside the container, e.g. -w /usr/bin");
        }
        var source = ContainerSource.Parse(container, () => new BaseImage("", false, "")) is RemoteImage remote ? remote.Url : UserPaths.Absolute(container, "CONTAINER");
        if (source.StartsWith('/') && !File.Exists(source) && !Directory.Exists(source))
        {
            throw new BuildException($"Container '{container}' does not exist; give {ContainerImageProbe.Kinds}, or a docker:// URL");
        }
        var user = ConfigMap.Empty("command line")
            .With("mode", new ConfigScalar("wrapcont", Name))
            .With("container_src", new ConfigScalar(source, "CONTAINER"))
            .With("isolate", new ConfigScalar("yes", Name))
            .With("update_installation", new ConfigScalar("no", Name));
        var inputs = new List<string>();
        user = common.Apply(result, user, inputs);
        RequireAbsoluteWrapperPaths(user);
        return new BuildRequest(user, inputs, IsUpdate: false);
    }

    /// <summary>Wrapper paths name places inside the container: there is no installation path for a relative one to be relative to.</summary>
    private static void RequireAbsoluteWrapperPaths(ConfigMap user)
    {
        var paths = user.Get("wrapper_paths") switch
        {
            ConfigList list => list.Items.OfType<ConfigScalar>(),
            ConfigScalar single => [single],
            _ => [],
        };
        if (paths.FirstOrDefault(p => !p.Value.StartsWith('/')) is { } relative)
        {
            throw new BuildException($"Wrapper path '{relative.Value}' ({relative.Origin}) is not absolute; {Name} needs absolute paths inside the container, e.g. -w /usr/bin");
        }
    }
}
