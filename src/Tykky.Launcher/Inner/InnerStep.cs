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
        var squashfuse = request.Squashfuse ?? (request.Mounts.Count == 0 ? "" : throw new LaunchException("bad inner-step arguments", InnerStepRequest.Marker,
            "--mount needs --squashfuse", ExitCode.Usage));
        foreach (var image in MountImagesAndView(squashfuse, request.Mounts, environment, request.View, longLived: false))
        {
            image.Dispose();
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
    /// Mounts <paramref name="mounts"/> with <paramref name="squashfuse"/>, one after the other (one may
    /// lie inside another), and shows the prefix as <paramref name="view"/>: the view's sources are
    /// opened (reads only) while the first squashfuse starts and opens its image and libraries by their
    /// paths, which may lie in the prefix, and the view covers the prefix once every mount is in place.
    /// Returns the images, still open, in mount order; the caller closes them.
    /// </summary>
    /// <param name="squashfuse">The squashfuse binary.</param>
    /// <param name="mounts">The images and where, in mount order.</param>
    /// <param name="environment">squashfuse's environment.</param>
    /// <param name="view">The prefix view, or null.</param>
    /// <param name="longLived">Whether the mounts outlive this launch (<see cref="SquashfuseCommand"/>).</param>
    internal static IReadOnlyList<OpenImage> MountImagesAndView(string squashfuse, IReadOnlyList<ImageMount> mounts, EnvironmentVariables environment, PrefixView? view, bool longLived)
    {
        var images = new List<OpenImage>(mounts.Count);
        PrefixViewSetup.PreparedView? prepared = null;
        try
        {
            Action? prepareView = view is null ? null : () => prepared = PrefixViewSetup.Prepare(view);
            foreach (var mount in mounts)
            {
                images.Add(OpenImage.Open(mount));
                MountImage(squashfuse, mount, environment, longLived, meanwhile: prepareView);
                prepareView = null;
            }
            prepareView?.Invoke();
            prepared?.TryMount();
            return images;
        }
        catch
        {
            images.ForEach(image => image.Dispose());
            throw;
        }
        finally
        {
            prepared?.Dispose();
        }
    }

    /// <summary>
    /// squashfuse daemonizes once the mount is in place (libfuse's parent waits for its child), so its
    /// exit status says whether the mount exists; <paramref name="meanwhile"/> runs while it starts. The
    /// daemon lives in the sandbox's pid namespace and is killed with it when the program ends or the
    /// wrapper dies.
    /// </summary>
    private static void MountImage(string squashfuse, ImageMount mount, EnvironmentVariables environment, bool longLived, Action? meanwhile)
    {
        var pid = ChildProcess.Start(SquashfuseCommand.For(squashfuse, mount, longLived), environment.ToEntries());
        meanwhile?.Invoke();
        var status = ChildProcess.Wait(pid, squashfuse);
        if (status != 0)
        {
            throw new LaunchException("cannot mount image", mount.Image,
                $"{squashfuse} exited with {status} mounting it at {mount.Destination}; check that /dev/fuse is usable ('tykky doctor')", ExitCode.Unavailable);
        }
    }
}
