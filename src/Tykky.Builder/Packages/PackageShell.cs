using Tykky.Builder.Config;
using Tykky.Builder.Processes;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Packages;

/// <summary>
/// Runs commands of pip and conda builds inside the container: in the venv or conda environment when
/// they need it activated (bash is used only for that, and every value reaches it as an argument, never
/// inside the script text), with the variables that keep the build's package managers in line.
/// </summary>
public static class PackageShell
{
    /// <summary>Shell text that makes conda's shell functions available (upstream templates/conda.sh).</summary>
    private const string CondaHook = "eval \"$(\"$CW_INSTALLATION_PATH/miniforge/bin/conda\" shell.bash hook)\"";

    /// <summary>
    /// Bash text run before a command or script: the activation of the environment (<c>$env_root</c>)
    /// or conda's shell functions, as <paramref name="setup"/> asks; nothing where the build has neither.
    /// </summary>
    public static string Prelude(BuildMode mode, ShellSetup setup) => (mode, setup) switch
    {
        // Spack needs no shell setup: SPACK_ENV and PATH (SpackBuild.Variables) make its environment active.
        (_, ShellSetup.None) or (BuildMode.WrapInstall or BuildMode.WrapContainer or BuildMode.Spack, _) or (BuildMode.Venv, ShellSetup.CondaFunctions) => "",
        (BuildMode.Venv, ShellSetup.Activated) => "source \"$env_root/bin/activate\"",
        (BuildMode.Conda, ShellSetup.CondaFunctions) => CondaHook,
        (BuildMode.Conda, ShellSetup.Activated) => $"{CondaHook}\nconda activate \"$env_root\"",
    };

    /// <summary>
    /// Variables for every package-manager command and script of the build: no pip/uv cache with
    /// --nocache (upstream CW_PIPCACHE), and conda's package cache inside Miniforge rather than the
    /// user's ~/.conda/pkgs unless CW_ENABLE_CONDARC is set (upstream pre.sh); Spack's private
    /// configuration and cache (<see cref="SpackBuild.Variables"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Variables(BuildContext context)
    {
        var config = context.Config;
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!config.Packages.PipCache)
        {
            variables["PIP_NO_CACHE_DIR"] = "1";
            variables["UV_NO_CACHE"] = "1";
        }
        if (config.Mode == BuildMode.Conda && !ReadsUserCondarc(context))
        {
            variables["CONDA_PKGS_DIRS"] = $"{PackageLayout.MiniforgeRoot(config.InstallationPath)}/pkgs";
        }
        if (config.Packages.UseUv)
        {
            // uv's managed Pythons go into the image, and copies (not links into uv's cache) make the env self-contained.
            variables["UV_PYTHON_INSTALL_DIR"] = $"{PackageLayout.UvRoot(config.InstallationPath)}/python";
            variables["UV_LINK_MODE"] = "copy";
        }
        return config.Mode == BuildMode.Spack ? Sandbox.Merge(variables, SpackBuild.Variables(context)) : variables;
    }

    /// <summary>
    /// Variables that hide the user's conda configuration from conda itself (the installer and
    /// <c>env create</c>) unless CW_ENABLE_CONDARC is set: conda reads ~/.condarc, ~/.conda/condarc and
    /// $XDG_CONFIG_HOME/conda, so it runs with an empty home of its own inside the build.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> CondaOnlyVariables(BuildContext context, string privateHome) =>
        ReadsUserCondarc(context)
            ? new Dictionary<string, string?>()
            : new Dictionary<string, string?> { ["HOME"] = privateHome, ["XDG_CONFIG_HOME"] = null, ["CONDARC"] = null };

    /// <summary>True when CW_ENABLE_CONDARC lets conda read the builder's own configuration.</summary>
    public static bool ReadsUserCondarc(BuildContext context) => context.Environment("CW_ENABLE_CONDARC") is not null;

    /// <summary>The command that runs <paramref name="argv"/> inside, after <see cref="Prelude"/>; its output is shown live.</summary>
    public static ToolCommand Command(BuildContext context, string description, ShellSetup setup, IReadOnlyList<string> argv)
    {
        var prelude = Prelude(context.Config.Mode, setup);
        // One line (statements joined by &&), so that the command shown in an error stays on one line.
        IReadOnlyList<string> inner = prelude.Length == 0 ? argv : ["bash", "-c", prelude.Replace("\n", " && ") + " && exec \"$@\"", "tykky-build", .. argv];
        var command = Sandbox.Command(context, description, inner);
        return command with { Environment = Sandbox.Merge(command.Environment, Variables(context)), Live = true };
    }
}
