using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Commands;

/// <summary>How info, list and doctor print: text for people, or with <c>--json</c> one JSON document for scripts.</summary>
public static class InspectionOutput
{
    /// <summary>The <c>--json</c> option.</summary>
    public static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON document (for scripts) instead of text" };

    /// <summary>Runs <paramref name="inspect"/> and prints its report; a <see cref="BuildException"/> becomes one [ ERROR ] line and exit 1.</summary>
    /// <param name="services">Where errors go.</param>
    /// <param name="json">Print JSON.</param>
    /// <param name="inspect">Makes the report.</param>
    /// <param name="jsonType">The report's source-generated JSON contract.</param>
    /// <param name="text">The report as text.</param>
    /// <param name="exitCode">The exit code the report calls for.</param>
    public static int Print<T>(BuildServices services, bool json, Func<T> inspect, JsonTypeInfo<T> jsonType, Func<T, string> text, Func<T, int> exitCode)
    {
        T report;
        try
        {
            report = inspect();
        }
        catch (BuildException e)
        {
            services.Reporter.Error(e.Message);
            return 1;
        }
        Console.Out.Write(json ? JsonSerializer.Serialize(report, jsonType) + "\n" : text(report));
        return exitCode(report);
    }
}
