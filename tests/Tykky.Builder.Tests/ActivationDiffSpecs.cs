using Tykky.Builder.Packages;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Tests;

/// <summary>The environment before and after conda activate, turned into the changes the launcher applies.</summary>
public class ActivationDiffSpecs
{
    private const string Sentinel = ActivationDiff.Sentinel;

    public sealed record Case(string Name, string[] Before, string[] After, params string[] Expected)
    {
        /// <summary>The environment after the second activation (new variables preset to the sentinel); the first's when null.</summary>
        public string[]? AfterPreset { get; init; }

        public override string ToString() => Name;
    }

    public static TheoryData<Case> Rows() =>
    [
        new("Nothing changed, nothing to apply", ["A=1", "PATH=/usr/bin"], ["A=1", "PATH=/usr/bin"]),
        new("A new variable is set", [], ["CONDA_PREFIX=/env"], "set CONDA_PREFIX=/env"),
        new("A removed variable is unset", ["PYTHONHOME=/x"], [], "unset PYTHONHOME"),
        new("A changed value is set", ["MODE=a"], ["MODE=b"], "set MODE=b"),
        new("PATH grown at the front is a prepend of what was added", ["PATH=/usr/bin:/bin"], ["PATH=/env/bin:/mf/condabin:/usr/bin:/bin"], "prepend PATH=/env/bin:/mf/condabin"),
        new("A list grown at the end is an append", ["XDG_DATA_DIRS=/usr/share"], ["XDG_DATA_DIRS=/usr/share:/env/share"], "append XDG_DATA_DIRS=/env/share"),
        // The old value reappears in the middle: the caller's value cannot be placed, so the result is frozen.
        new("A list rebuilt around the old value is set", ["P=/a:/b"], ["P=/x:/a:/b:/y"], "set P=/x:/a:/b:/y"),
        new("An empty old value is no list to extend", ["P="], ["P=/x"], "set P=/x"),
        new("A suffix that is not a whole entry is no prepend", ["P=bin"], ["P=/usr/bin"], "set P=/usr/bin"),
        new("Shell and build variables are ignored", ["SHLVL=1", "PWD=/a", "_=/bin/env"], ["SHLVL=2", "PWD=/b", "_=/usr/bin/env", "OLDPWD=/a", "PS1=(env1) "]),
        new("A new search path kept the preset at its end: a prepend", [], ["LD_LIBRARY_PATH=/env/lib"], "prepend LD_LIBRARY_PATH=/env/lib")
        {
            AfterPreset = ["LD_LIBRARY_PATH=/env/lib:" + Sentinel],
        },
        new("A new search path kept the preset at its start: an append", [], ["GDAL_DRIVER_PATH=/env/plugins"], "append GDAL_DRIVER_PATH=/env/plugins")
        {
            AfterPreset = [$"GDAL_DRIVER_PATH={Sentinel}:/env/plugins"],
        },
        new("A new variable that overwrote the preset is set", [], ["GDAL_DATA=/env/share/gdal"], "set GDAL_DATA=/env/share/gdal")
        {
            AfterPreset = ["GDAL_DATA=/env/share/gdal"],
        },
        new("Dollar signs are literal in the manifest", [], ["PRICE=$5 ${X}"], "set PRICE=\\$5 \\${X}"),
        new("Values keep '=' and newlines", [], ["MULTI=a=b\nc"], "set MULTI=a=b\nc"),
        new("Changes are in name order", ["PATH=/bin"], ["ZED=1", "PATH=/env/bin:/bin", "ALPHA=2"], "set ALPHA=2", "prepend PATH=/env/bin", "set ZED=1"),
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Changes_match_the_row(Case row)
    {
        var changes = ActivationDiff.Changes(Variables(row.Before), Variables(row.After), Variables(row.AfterPreset ?? row.After));

        Assert.Equal(row.Expected, changes.Select(Describe));
    }

    [Fact]
    public void Only_variables_the_activation_created_are_preset_and_not_condas_own()
    {
        var before = Variables(["PATH=/bin", "HOME=/h"]);
        var after = Variables(["PATH=/env/bin:/bin", "HOME=/h", "CONDA_PREFIX=/env", "_CE_M=", "PROJ_DATA=/env/share/proj", "LD_LIBRARY_PATH=/env/lib", "SHLVL=2"]);

        Assert.Equal(["LD_LIBRARY_PATH", "PROJ_DATA"], ActivationDiff.Created(before, after));
    }

    private static Dictionary<string, string> Variables(string[] entries) =>
        entries.Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static string Describe(EnvironmentChange change) => change.Action switch
    {
        EnvironmentAction.Unset => $"unset {change.Name}",
        _ => $"{change.Action.ToString().ToLowerInvariant()} {change.Name}={change.Value}",
    };
}
