using System.Globalization;
using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Inner;

/// <summary>
/// The launcher as the first process inside the sandbox: mounts the images, drops its capabilities,
/// and hands back the exec of the program (see <see cref="InnerStepRequest"/>).
/// </summary>
internal static class InnerStep
{
    /// <summary>Performs the mounts and the capability drop of <paramref name="arguments"/>; returns the program's exec.</summary>
    public static ExecPlan Prepare(IReadOnlyList<string> arguments, EnvironmentVariables environment)
    {
        var request = InnerStepRequest.Decode(RequestOf(arguments));
        if (request.View is { } view)
        {
            PrefixViewSetup.TryMount(view);
        }
        foreach (var mount in request.Mounts)
        {
            MountImage(request.Squashfuse ?? throw new LaunchException("bad inner-step arguments", InnerStepRequest.Marker,
                "--mount needs --squashfuse", ExitCode.Usage), mount, environment, longLived: false);
        }
        if (request.DropCapabilities)
        {
            Capabilities.DropAll();
        }
        return new ExecPlan(request.Launch, environment.ToEntries(), []);
    }

    /// <summary>The request itself: on the command line, or in the file descriptor bubblewrap passed on.</summary>
    private static IReadOnlyList<string> RequestOf(IReadOnlyList<string> arguments) =>
        arguments is [InnerStepRequest.Marker, InnerStepRequest.RequestDescriptorOption, var number]
            ? [InnerStepRequest.Marker, .. MemoryFile.ReadAndClose(int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var fd) && fd > 2
                ? fd : throw InnerStepRequest.BadRequest($"{InnerStepRequest.RequestDescriptorOption} takes a descriptor number above 2"))]
            : arguments;

    /// <summary>
    /// squashfuse daemonizes once the mount is in place (libfuse's parent waits for its child), so its
    /// exit status says whether the mount exists. The daemon lives in the sandbox's pid namespace and
    /// is killed with it when the program ends or the wrapper dies. The image is checked first, so that
    /// a missing or damaged one is reported as what it is and not as a FUSE problem.
    /// </summary>
    /// <param name="squashfuse">The squashfuse binary.</param>
    /// <param name="mount">The image and where.</param>
    /// <param name="environment">squashfuse's environment.</param>
    /// <param name="longLived">Whether the mount outlives this launch (<see cref="SquashfuseCommand"/>).</param>
    internal static void MountImage(string squashfuse, ImageMount mount, EnvironmentVariables environment, bool longLived)
    {
        if (SquashfsMagic.Check(mount.Image, mount.Offset) is { } problem)
        {
            throw new LaunchException("cannot mount image", mount.Image, problem, ExitCode.Config);
        }
        var status = ChildProcess.Run(SquashfuseCommand.For(squashfuse, mount, longLived), environment.ToEntries());
        if (status != 0)
        {
            throw new LaunchException("cannot mount image", mount.Image,
                $"{squashfuse} exited with {status} mounting it at {mount.Destination}; check that /dev/fuse is usable ('tykky doctor')", ExitCode.Unavailable);
        }
    }
}
