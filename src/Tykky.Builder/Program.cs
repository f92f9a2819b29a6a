using System.Runtime.InteropServices;
using Tykky.Builder.Commands;
using Tykky.Builder.Reporting;
using Tykky.Builder.Steps;

namespace Tykky.Builder;

/// <summary>Entry point of the builder (tykky, conda-containerize, pip-containerize, spack-containerize, wrap-container, wrap-install).</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        void Interrupt(PosixSignalContext signal)
        {
            signal.Cancel = true;
            cancellation.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        var invokedAs = Path.GetFileName(Environment.GetCommandLineArgs()[0]);
        var services = new BuildServices(ToolLayout.OfRunningBuilder(), Reporter.ForConsole(), ReadEnvironment, cancellation.Token);
        return CommandLine.Run(invokedAs, args, services);
    }

    /// <summary>
    /// The builder's environment. $PWD (site configs use it for workdir and installation_prefix) is the
    /// shell's logical working directory; a parent that changed directory without updating it would
    /// leave it stale, so it is only trusted when it names the current directory.
    /// </summary>
    private static string? ReadEnvironment(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (name != "PWD")
        {
            return value;
        }
        var current = Directory.GetCurrentDirectory();
        return value is not null && Native.PosixDirectories.Canonical(value) == current ? value : current;
    }
}
