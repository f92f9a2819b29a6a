namespace Tykky.Builder.Packages;

/// <summary>What a command or script of a pip or conda build runs with (see <see cref="PackageShell.Prelude"/>).</summary>
public enum ShellSetup
{
    /// <summary>Nothing: the command is run as it is.</summary>
    None,

    /// <summary>conda's shell functions loaded (<c>conda shell.bash hook</c>), no environment active: a conda pre-install script.</summary>
    CondaFunctions,

    /// <summary>The venv or conda environment activated: package installs and post-install scripts.</summary>
    Activated,
}
