using Tykky.Launcher.Manifest;
using Tykky.Launcher.Planning;
using Tykky.Launcher.Tests.Fixtures;

namespace Tykky.Launcher.Tests;

/// <summary>The captured conda activation applied at launch, its opt-outs, the dynamic fallback and venv precedence.</summary>
public sealed class CondaActivationPlanSpecs
{
    private const string EnvBin = "/LOCAL_TYKKY/miniforge/envs/env1/bin";

    private static readonly CondaActivation Captured = new()
    {
        Mode = CondaActivationMode.Captured,
        CondaExecutable = "/LOCAL_TYKKY/miniforge/bin/conda",
        EnvironmentPath = "/LOCAL_TYKKY/miniforge/envs/env1",
        Changes =
        [
            new() { Action = EnvironmentAction.Prepend, Name = "PATH", Value = EnvBin },
            new() { Action = EnvironmentAction.Set, Name = "CONDA_PREFIX", Value = "/LOCAL_TYKKY/miniforge/envs/env1" },
            new() { Action = EnvironmentAction.Set, Name = "FROM_ACTIVATE_D", Value = "yes" },
        ],
    };

    public sealed record Case(string Name)
    {
        public CondaActivationMode Mode { get; init; } = CondaActivationMode.Captured;
        public string[] Environment { get; init; } = [];
        public string? VenvBin { get; init; }
        public RuntimeKind Runtime { get; init; } = RuntimeKind.Bwrap;
        public string[] Expected { get; init; } = [];
        public string[] Absent { get; init; } = [];

        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases =>
    [
        new("The captured activation is applied on every launch")
        {
            Expected = [$"PATH={EnvBin}:/home/user/env/bin:/usr/bin:/bin", "CONDA_PREFIX=/LOCAL_TYKKY/miniforge/envs/env1", "FROM_ACTIVATE_D=yes"],
        },
        new("CW_NO_CONDA_ACTIVATE disables it")
        {
            Environment = ["CW_NO_CONDA_ACTIVATE=1"],
            Expected = ["PATH=/home/user/env/bin:/usr/bin:/bin"], Absent = ["CONDA_PREFIX", "FROM_ACTIVATE_D"],
        },
        // the venv is active: its bin leads PATH, and it is not moved
        new("Reached through a venv, the activation is skipped and the venv's bin stays first")
        {
            Environment = ["PATH=/home/user/ve/bin:/home/user/env/bin:/usr/bin"], VenvBin = "/home/user/ve/bin",
            Expected = ["PATH=/home/user/ve/bin:/home/user/env/bin:/usr/bin"], Absent = ["CONDA_PREFIX"],
        },
        new("CW_FORCE_CONDA_ACTIVATE activates through a venv, and the venv's bin still comes first")
        {
            Environment = ["PATH=/home/user/ve/bin:/usr/bin", "CW_FORCE_CONDA_ACTIVATE=1"], VenvBin = "/home/user/ve/bin",
            Expected = [$"PATH=/home/user/ve/bin:{EnvBin}:/usr/bin", "CONDA_PREFIX=/LOCAL_TYKKY/miniforge/envs/env1"],
        },
        new("Apptainer receives the activation through APPTAINERENV_")
        {
            Runtime = RuntimeKind.Apptainer,
            Expected = [$"APPTAINERENV_PATH={EnvBin}:/home/user/env/bin:/usr/bin:/bin", "APPTAINERENV_CONDA_PREFIX=/LOCAL_TYKKY/miniforge/envs/env1", "APPTAINERENV_FROM_ACTIVATE_D=yes"],
        },
        new("Dynamic activation changes no variable itself")
        {
            Mode = CondaActivationMode.Dynamic,
            Expected = ["PATH=/home/user/env/bin:/usr/bin:/bin"], Absent = ["CONDA_PREFIX"],
        },
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_environment_matches_the_row(Case row)
    {
        // Arrange
        var plan = ExecPlanner.Plan(ContextFor(row));

        // Assert
        foreach (var entry in row.Expected)
        {
            Assert.Contains(entry, plan.Environment);
        }
        foreach (var name in row.Absent)
        {
            Assert.DoesNotContain(plan.Environment, e => e.StartsWith(name + "=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Dynamic_activation_runs_the_containers_bash_with_everything_as_positional_parameters()
    {
        var plan = ExecPlanner.Plan(ContextFor(new Case("dynamic") { Mode = CondaActivationMode.Dynamic }));

        var inner = plan.Launch.Arguments.SkipWhile(a => a != "--tykky-inner").ToArray();
        Assert.Equal(["--tykky-inner", "--squashfuse", Launches.Squashfuse, "--mount", "/home/user/env/img.sqfs", "0", "/LOCAL_TYKKY", "--drop-caps",
            "--exec-search", "1", "bash", "-c", CondaActivationPlanner.DynamicActivationScript, "/home/user/env/bin/python",
            "/LOCAL_TYKKY/miniforge/bin/conda", "/LOCAL_TYKKY/miniforge/envs/env1", Launches.ProgramInside, "two words", ""], inner);
    }

    [Fact]
    public void The_dynamic_script_execs_the_program_with_its_argv0_and_arguments_unchanged()
    {
        // Arrange: a fake conda whose hook defines an activate function exporting a variable
        using var directory = new Tykky.Tests.TempDir("conda-script");
        var conda = directory.Write("conda", "#!/bin/sh\necho 'conda() { export ACTIVATED=\"$2\"; }'\n", executable: true);
        var program = directory.Write("program", "#!/bin/bash\nprintf '%s|' \"$0\" \"$ACTIVATED\" \"$@\"\n", executable: true);

        // Act
        var result = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", CondaActivationPlanner.DynamicActivationScript, "/argv0/python", conda, "/envs/env1", program, "a b", "", "$HOME" },
            RedirectStandardOutput = true,
        })!;
        var output = result.StandardOutput.ReadToEnd();
        result.WaitForExit();

        // Assert: a script sees its path as $0 (the kernel's doing); ACTIVATED proves the hook ran first
        Assert.Equal($"{program}|/envs/env1|a b||$HOME|", output);
    }

    private static Planning.LaunchContext ContextFor(Case row)
    {
        var conda = Captured with { Mode = row.Mode };
        var runtime = row.Runtime == RuntimeKind.Bwrap
            ? new RuntimeSpec { Kind = RuntimeKind.Bwrap, Executable = Launches.Bwrap, Squashfuse = Launches.Squashfuse }
            : new RuntimeSpec { Kind = row.Runtime, Executable = "/usr/bin/apptainer" };
        var manifest = Launches.Manifest() with { Conda = conda, Runtime = runtime, Container = row.Runtime == RuntimeKind.Bwrap ? null : new ContainerSpec { Path = "container.sif" } };
        var environment = row.Environment.Any(e => e.StartsWith("PATH=", StringComparison.Ordinal)) ? row.Environment : [.. Launches.CallerEnvironment, .. row.Environment];
        var context = Launches.Context(manifest, environment, call: Launches.Call("python", "two words", ""));
        return context with { Host = context.Host with { VenvBinDirectory = row.VenvBin } };
    }
}
