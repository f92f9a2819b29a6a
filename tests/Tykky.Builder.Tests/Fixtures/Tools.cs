using System.Diagnostics;
using System.Text;

namespace Tykky.Builder.Tests.Fixtures;

/// <summary>Runs real tools (mksquashfs, unsquashfs) for specs that build fixtures in setup.</summary>
internal static class Tools
{
    /// <summary>Runs <paramref name="argv"/>; stdout decoded with <paramref name="encoding"/> (UTF-8 by default).</summary>
    public static (int ExitCode, string Output) Run(IReadOnlyList<string> argv, Encoding? encoding = null)
    {
        var start = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, StandardOutputEncoding = encoding ?? Encoding.UTF8 };
        foreach (var argument in argv.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    /// <summary>Runs a tool with its arguments.</summary>
    public static (int ExitCode, string Output) Run(params string[] argv) => Run((IReadOnlyList<string>)argv);
}
