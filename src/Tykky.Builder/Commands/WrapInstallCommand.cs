using System.CommandLine;
using Tykky.Builder.Config;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary><c>wrap-install [opts] DIR</c>: wraps an installation on disk into an image (upstream frontends/wrap-install.py).</summary>
public static class WrapInstallCommand
{
    /// <summary>The frontend's name.</summary>
    public const string Name = "wrap-install";

    /// <summary>Adds the options, argument and action to <paramref name="command"/>.</summary>
    public static Command Configure(Command command, BuildServices services)
    {
        command.Description = "Wrap an installation on disk into a squashfs image, with wrappers for its programs";
        var common = new CommonOptions();
        var directory = new Argument<string>("DIR") { Description = "The installation to wrap" };
        var mask = new Option<bool>("--mask") { Description = "Mount the image at DIR itself, hiding the original on disk (DIR's top-level directory is then not bound)" };
        var crossMounts = new Option<bool>("--cross-mounts") { Description = "Also copy what is mounted inside DIR (other file systems, bind mounts); kernel file systems (proc, sysfs, devtmpfs, ...) are refused always" };
        command.Arguments.Add(directory);
        CommonOptions.AddTo(command, common.Prefix, common.WrapperPaths, common.Yaml, mask, crossMounts, common.PreInstall, common.PostInstall, common.Environ);
        command.SetAction(result => new InstallationBuild(services).Run(() =>
        {
            var source = Native.PosixDirectories.Canonical(UserPaths.Absolute(result.GetValue(directory)!, "Directory to wrap (DIR)"));
            if (UserPaths.DirectoryProblem(source) is { } problem)
            {
                throw new BuildException($"Directory to wrap '{result.GetValue(directory)}' {problem}; give the path of an existing installation");
            }
            if (result.GetValue(common.WrapperPaths) is null)
            {
                throw new BuildException($"{Name} requires -w/--wrapper-paths, e.g. -w bin");
            }
            var user = ConfigMap.Empty("command line")
                .With("mode", new ConfigScalar("wrapdisk", Name))
                .With("wrap_src", new ConfigScalar(source, "DIR"))
                .With("update_installation", new ConfigScalar("no", Name))
                .With("isolate", new ConfigScalar("no", Name));
            if (result.GetValue(crossMounts))
            {
                user = user.With("wrap_cross_mounts", new ConfigScalar("yes", "--cross-mounts"));
            }
            if (result.GetValue(mask))
            {
                user = user.With("installation_path", new ConfigScalar(source, "--mask"))
                    .With("excluded_mount_points", new ConfigList([new ConfigScalar("/" + source.Split('/')[1], "--mask")], "--mask"))
                    .With("mask_wrap_install", new ConfigScalar("yes", "--mask"));
            }
            var inputs = new List<string>();
            return new BuildRequest(common.Apply(result, user, inputs), inputs, IsUpdate: false);
        }));
        return command;
    }
}
