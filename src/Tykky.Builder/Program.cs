using System.Runtime.InteropServices;
using Tykky.Builder.Commands;
using Tykky.Builder.Reporting;
using Tykky.Builder.Steps;

namespace Tykky.Builder;

/// <summary>Entry point of the builder (tykky, conda-containerize, pip-containerize, wrap-container, wrap-install).</summary>
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
        var services = new BuildServices(ToolLayout.OfRunningBuilder(), Reporter.ForConsole(), Environment.GetEnvironmentVariable, cancellation.Token);
        return CommandLine.Run(invokedAs, args, services);
    }
}
