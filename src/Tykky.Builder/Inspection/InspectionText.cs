using System.Globalization;
using System.Text;

namespace Tykky.Builder.Inspection;

/// <summary>The plain-text forms of info, list and doctor, for people. Pure.</summary>
public static class InspectionText
{
    /// <summary><c>tykky info</c>.</summary>
    public static string Info(InstallationInfo info)
    {
        var text = new StringBuilder();
        var maker = info.Maker == InstallationMaker.Tykky ? $"Tykky {info.ToolVersion}" : "upstream bash Tykky (common.sh)";
        Field(text, "Installation", $"{info.Prefix} (made by {maker}{(info.InstallationId is { } id ? $", id {id}" : "")})");
        if (info.BuildTime is { } built)
        {
            Field(text, "Built", built);
        }
        Field(text, "Runtime", Runtime(info.Runtime));
        Field(text, "Mode", info.Isolate switch
        {
            true => $"isolated: the container's own root, with {(info.MountPoints.Count == 0 ? "no host directories" : string.Join(", ", info.MountPoints))} and the installation bound in",
            false => "host: the host's directories are visible inside",
            null => "unknown",
        });
        Field(text, "Container", info.Container is { } container ? Image(container) : "none");
        Field(text, "Image", info.Image is { } image ? $"{Image(image)}, mounted at {info.InstallationPath}" : "none: the programs are the container's");
        if (info.CondaActivation is { } conda)
        {
            Field(text, "Activation", conda.Reason ?? conda.Mode);
        }
        if (info.Runtime.Kind == "bwrap" && info.Maker == InstallationMaker.Tykky)
        {
            Field(text, "Shared mount", info.SharedMountIdleSeconds is { } idle
                ? $"yes: launches join a keeper, which ends {idle} s after its last process; {Keepers(info.Keepers)}"
                : "no: every launch builds its own sandbox and mounts the image");
        }
        Field(text, "Wrappers", info.Wrappers.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var wrapper in info.Wrappers)
        {
            text.Append($"  {wrapper.Name} -> {wrapper.Target ?? "?"}\n");
        }
        Field(text, "Configuration", info.EffectiveConfig is null ? "not recorded (no share/conf.yaml)" : "share/conf.yaml");
        foreach (var line in (info.EffectiveConfig ?? "").TrimEnd('\n').Split('\n').Where(l => l.Length > 0))
        {
            text.Append($"  {line}\n");
        }
        if (info.SpackRoots.Count > 0)
        {
            Field(text, "Spack roots", $"{info.SpackRoots.Count} (share/spack.lock)");
            foreach (var root in info.SpackRoots)
            {
                text.Append($"  {root.Spec}: {root.Concrete ?? "?"} /{root.Hash}\n");
            }
        }
        Field(text, "Build inputs", info.BuildInputs.Count == 0 ? "none recorded" : "share/previous_input");
        foreach (var build in info.BuildInputs)
        {
            text.Append($"  {build.Build}: {string.Join(", ", build.Files)}\n");
        }
        foreach (var problem in info.Problems)
        {
            text.Append($"Problem: {problem}\n");
        }
        return text.ToString();
    }

    /// <summary><c>tykky list</c>.</summary>
    public static string List(InstallationList list)
    {
        var text = new StringBuilder();
        var searched = string.Join(":", list.SearchPath);
        if (list.Installations.Count == 0)
        {
            text.Append($"No installations on TYKKY_PATH ({searched})\n");
        }
        else
        {
            var nameWidth = Math.Max(4, list.Installations.Max(i => i.Name.Length));
            var runtimeWidth = Math.Max(7, list.Installations.Max(i => (i.Runtime ?? "?").Length));
            text.Append($"{"NAME".PadRight(nameWidth)}  {"RUNTIME".PadRight(runtimeWidth)}  {"MADE BY",-8}  PREFIX\n");
            foreach (var installation in list.Installations)
            {
                var maker = installation.Maker == InstallationMaker.Tykky ? "tykky" : "upstream";
                text.Append($"{installation.Name.PadRight(nameWidth)}  {(installation.Runtime ?? "?").PadRight(runtimeWidth)}  {maker,-8}  {installation.Prefix}");
                text.Append(installation.Problem is { } problem ? $"  ({problem})\n" : "\n");
            }
        }
        foreach (var missing in list.MissingDirectories)
        {
            text.Append($"Note: TYKKY_PATH directory {missing} does not exist\n");
        }
        return text.ToString();
    }

    /// <summary><c>tykky doctor</c>: one line per check, then the verdict.</summary>
    public static string Doctor(DoctorReport report)
    {
        var text = new StringBuilder();
        foreach (var check in report.Checks)
        {
            var status = check.Status switch
            {
                CheckStatus.Ok => "OK",
                CheckStatus.Warning => "WARN",
                CheckStatus.Failed => "FAIL",
                CheckStatus.Skipped => "SKIP",
            };
            text.Append($"{status,-5} {check.Name}: {check.Detail}{(check.Fix is { } fix ? $"; fix: {fix}" : "")}\n");
        }
        var failed = report.Checks.Count(c => c.Status == CheckStatus.Failed);
        text.Append(report.Healthy
            ? $"Ready: builds here use the {report.Runtime} runtime\n"
            : $"Not ready: {failed} needed check{(failed == 1 ? "" : "s")} failed (runtime: {report.Runtime})\n");
        return text.ToString();
    }

    private static string Keepers(IReadOnlyList<int> pids) => pids.Count switch
    {
        0 => "none running for you now",
        _ => $"running for you: pid {string.Join(", ", pids)}",
    };

    private static void Field(StringBuilder text, string name, string value) => text.Append($"{name + ":",-15}{value}\n");

    private static string Runtime(RuntimeInfo runtime) => runtime.Executable is null
        ? $"{runtime.Kind} (found on PATH at each launch)"
        : $"{runtime.Kind}: {runtime.Executable}{(runtime.Version is { Length: > 0 } version ? $" ({version})" : "")}{(runtime.Squashfuse is { } squashfuse ? $", squashfuse {squashfuse}" : "")}";

    private static string Image(FileSystemImageInfo image)
    {
        var details = new List<string> { image.Kind };
        if (image.Offset > 0)
        {
            details.Add($"root filesystem at byte {image.Offset}");
        }
        if (image.Bytes is { } bytes)
        {
            details.Add(Size(bytes));
        }
        if (image.Entries is { } entries)
        {
            details.Add($"{entries} entries inside");
        }
        if (image.Compression is { } compression)
        {
            details.Add($"{compression}-compressed");
        }
        if (image.Shared)
        {
            details.Add("a link: shared");
        }
        return $"{image.Path} ({string.Join(", ", details)})";
    }

    /// <summary>A size in bytes for people: "1.0 MiB".</summary>
    public static string Size(long bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} bytes" : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }
}
