using System.Runtime.CompilerServices;
using System.Text;
using Tykky.Launcher.Diagnostics;
using Tykky.Launcher.Host;
using Tykky.Launcher.Manifest;
using Tykky.Launcher.Native;
using Tykky.Launcher.Planning;
using Tykky.Launcher.Tests.Fixtures;

namespace Tykky.Launcher.Tests;

/// <summary>
/// Golden tests of every command line and environment the launcher passes to apptainer and
/// singularity, for the matrix: flavor × isolated/host mode × situation (outside, outside with the
/// state a nested srun leaks, inside its own container, inside another container) × extra binds ×
/// TMPDIR × GPU, always with arguments holding spaces, an empty string, a newline and bytes that are
/// not UTF-8 (escaped for apptainer, see <see cref="ArgumentEscaping"/>; shown here as &lt;ff&gt;).
/// Golden/*.txt hold the approved plans; TYKKY_UPDATE_GOLDEN=1 rewrites them (review the diff).
/// </summary>
public sealed class ApptainerPlanGoldenSpecs
{
    public static TheoryData<RuntimeKind, bool> Tables => new()
    {
        { RuntimeKind.Apptainer, false }, { RuntimeKind.Apptainer, true }, { RuntimeKind.Singularity, false }, { RuntimeKind.Singularity, true },
    };

    private static readonly string[] Situations = ["outside", "outside after a nested srun leaked state", "inside its own container", "inside another container"];

    [Theory]
    [MemberData(nameof(Tables))]
    public void Plans_match_the_approved_golden_file(RuntimeKind flavor, bool isolated)
    {
        // Arrange
        var golden = GoldenFile($"{flavor.ToString().ToLowerInvariant()}-{(isolated ? "isolated" : "host")}.txt");
        var rendered = new StringBuilder();
        foreach (var situation in Situations)
        {
            foreach (var extraBinds in new[] { false, true })
            {
                foreach (var tmpDir in new[] { false, true })
                {
                    foreach (var gpu in new[] { GpuMode.None, GpuMode.Nvidia, GpuMode.Auto })
                    {
                        // Act
                        var context = Context(flavor, isolated, situation, extraBinds, tmpDir, gpu);
                        rendered.Append(Render($"{situation}; extra binds {(extraBinds ? "on" : "off")}; TMPDIR {(tmpDir ? "set" : "unset")}; gpu {gpu}", context));
                    }
                }
            }
        }

        // Assert
        if (Environment.GetEnvironmentVariable("TYKKY_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, rendered.ToString());
        }
        Assert.Equal(File.ReadAllText(golden), rendered.ToString());
    }

    private static LaunchContext Context(RuntimeKind flavor, bool isolated, string situation, bool extraBinds, bool tmpDir, GpuMode gpu)
    {
        var manifest = Launches.Manifest() with
        {
            Runtime = new RuntimeSpec { Kind = flavor, Executable = $"/usr/bin/{flavor.ToString().ToLowerInvariant()}", Version = "1.1.9" },
            Container = new ContainerSpec { Path = "container.sif", DefaultPath = isolated ? "/usr/local/bin:/usr/bin:/bin" : null },
            Isolate = isolated,
            MountPoints = isolated ? ["/scratch", "/projappl/missing"] : [],
            Gpu = gpu,
            Environment = [new() { Action = EnvironmentAction.Prepend, Name = "LD_LIBRARY_PATH", Value = "/LOCAL_TYKKY/lib" }, new() { Action = EnvironmentAction.Set, Name = "OMP_NUM_THREADS", Value = "4" }],
        };
        var environment = new List<string>(Launches.CallerEnvironment) { "LD_LIBRARY_PATH=/opt/site/lib" };
        if (situation.Contains("leaked", StringComparison.Ordinal) || situation == "inside another container")
        {
            environment.AddRange(["APPTAINER_BIND=/data/img2.sqfs:/OPT_Y:image-src=/", "SINGULARITY_BIND=/OPT_Y", "APPTAINER_NAME=busybox.sif", "SINGULARITY_NAME=busybox.sif",
                "APPTAINER_CONTAINER=/data/busybox.sif", "SINGULARITY_CONTAINER=/data/busybox.sif", "APPTAINER_COMMAND=exec", "APPTAINER_ENVIRONMENT=/.singularity.d/env/91-environment.sh",
                "APPTAINERENV_PATH=/stale/bin", "LD_LIBRARY_PATH=/.singularity.d/libs:/opt/site/lib"]);
        }
        if (extraBinds)
        {
            environment.Add("CW_EXTRA_BIND_MOUNTS=/data/ref:/ref:ro,/home/user/other/img.sqfs:/OTHER_TYKKY:image-src=/,/home/user/env/img.sqfs:/LOCAL_TYKKY:image-src=/");
        }
        if (tmpDir)
        {
            environment.Add("TMPDIR=/local_scratch/job42");
        }
        var host = Launches.Host(Launches.Dirs("/dev", "/etc", "/home", "/proc", "/sys", "/tmp", "/usr").Append(Launches.Link("/bin", "usr/bin")).ToArray()) with
        {
            ExistingPaths = new HashSet<string> { "/scratch", "/data/ref", "/home/user/other/img.sqfs", "/local_scratch/job42" },
            InstallationMount = situation == "inside its own container" ? MountState.Ours : MountState.NotMounted,
            EnclosingContainer = situation == "inside another container" ? "/data/busybox.sif" : null,
            GpuDevices = gpu == GpuMode.Auto ? GpuMode.Nvidia : GpuMode.None,
        };
        return Launches.Context(manifest, environment, host, Launches.Call("python", "two words", "", "new\nline", PosixText.Decode([.. "caf"u8, 0xE9, .. " \\ é "u8, 0xFF, 0xFE])));
    }

    private static string Render(string title, LaunchContext context)
    {
        var text = new StringBuilder($"## {title}\n");
        try
        {
            var plan = ExecPlanner.Plan(context);
            text.Append($"exec: {plan.Launch.Target}\n");
            foreach (var argument in plan.Launch.Argv0 is null ? plan.Launch.Arguments : [plan.Launch.Argv0, .. plan.Launch.Arguments])
            {
                text.Append($"  argv: {Escape(argument)}\n");
            }
            foreach (var entry in plan.Environment.Order(StringComparer.Ordinal))
            {
                text.Append($"  env: {Escape(entry)}\n");
            }
            foreach (var warning in plan.Warnings)
            {
                text.Append($"  warning: {warning}\n");
            }
        }
        catch (LaunchException failure)
        {
            text.Append($"error ({(int)failure.ExitCode}): {failure.ToLine()}\n");
        }
        return text.Append('\n').ToString();
    }

    private static string Escape(string value) =>
        string.Concat(value.Replace("\\", "\\\\").Replace("\n", "\\n").Select(c => c is >= '\uDC80' and <= '\uDCFF' ? $"<{c - 0xDC00:x2}>" : c.ToString()));

    private static string GoldenFile(string name, [CallerFilePath] string source = "") =>
        Path.Join(Path.GetDirectoryName(source), "Golden", name);
}
