using System.Diagnostics;

namespace Tykky.Builder.Tests.Fixtures;

/// <summary>
/// A real module tool run in bash: Lmod (Debian lmod, installed by test.sh) or Environment Modules
/// (Debian environment-modules: it conflicts with lmod as a package, so test.sh unpacks it into
/// .tmp/environment-modules and its own <c>modulecmd.tcl bash autoinit</c> defines <c>module</c>).
/// </summary>
/// <param name="Name">The tool's name, for test names.</param>
/// <param name="Init">bash lines that define the <c>module</c> function.</param>
/// <param name="Missing">Why the tool cannot run here, or null.</param>
public sealed record ModuleTool(string Name, string Init, string? Missing)
{
    /// <summary>PATH of the scripts: no duplicate entries (Lmod drops duplicates of what it prepends to).</summary>
    public const string CleanPath = "/usr/local/bin:/usr/bin:/bin";

    private const string LmodInit = "/usr/share/lmod/lmod/init/bash";

    /// <summary>Debian's Lmod.</summary>
    public static ModuleTool Lmod { get; } = new("Lmod", $". {LmodInit}", File.Exists(LmodInit) ? null : $"{LmodInit} not found (./test.sh installs lmod)");

    /// <summary>Environment Modules unpacked by test.sh.</summary>
    public static ModuleTool EnvironmentModules { get; } = FindEnvironmentModules();

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Runs <paramref name="script"/> in a bash whose <c>module</c> is this tool, with a clean environment; stdout and stderr together.</summary>
    public (int ExitCode, string Output) Run(string script)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec 2>&1\n{Init}\n{script}");
        start.Environment.Clear();
        start.Environment["PATH"] = CleanPath;
        start.Environment["HOME"] = Path.GetTempPath();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "the module script did not finish");
        return (process.ExitCode, output);
    }

    private static ModuleTool FindEnvironmentModules()
    {
        var directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Join(directory, "test.sh")))
        {
            directory = Path.GetDirectoryName(directory);
        }
        var modulecmd = directory is null ? null : Path.Join(directory, ".tmp", "environment-modules", "usr", "lib", "modulecmd.tcl");
        return modulecmd is not null && File.Exists(modulecmd)
            ? new("Environment Modules", $"eval \"$(tclsh8.6 '{modulecmd}' bash autoinit)\"", null)
            : new("Environment Modules", "", "Environment Modules is not unpacked in .tmp/environment-modules (./test.sh does it)");
    }
}

/// <summary>A fact run with real Lmod; skipped, with the reason, where it is missing.</summary>
public sealed class LmodFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when Lmod is missing.</summary>
    public LmodFactAttribute() => Skip = ModuleTool.Lmod.Missing;
}

/// <summary>A fact run with real Environment Modules; skipped, with the reason, where it is missing.</summary>
public sealed class EnvironmentModulesFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when Environment Modules is missing.</summary>
    public EnvironmentModulesFactAttribute() => Skip = ModuleTool.EnvironmentModules.Missing;
}
