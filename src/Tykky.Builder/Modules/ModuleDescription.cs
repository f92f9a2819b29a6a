namespace Tykky.Builder.Modules;

/// <summary>What a module of an installation says and does; the Lua and Tcl files are written from it.</summary>
public sealed record ModuleDescription
{
    /// <summary>The module's name (<c>module load NAME</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Its version: the build number or the configured one.</summary>
    public required string Version { get; init; }

    /// <summary>The installation's prefix: its <c>bin/</c> goes on PATH, and TYKKY_PREFIX names it.</summary>
    public required string Prefix { get; init; }

    /// <summary>What made the installation, e.g. "pip-containerize (a Python venv)".</summary>
    public required string Kind { get; init; }

    /// <summary>The runtime and its version, and host mode or isolated.</summary>
    public required string Runtime { get; init; }

    /// <summary>The input files of the build that wrote the module.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>The main packages, from the recorded package list.</summary>
    public required IReadOnlyList<PackageVersion> Packages { get; init; }

    /// <summary>How many packages the recorded list holds, and where it is, for the help text; null without one.</summary>
    public string? PackageList { get; init; }

    /// <summary>Composable installations load together; the others conflict with each other.</summary>
    public required bool Composable { get; init; }

    /// <summary>The lines shown by <c>module whatis</c>.</summary>
    public IReadOnlyList<string> WhatisLines =>
    [
        $"Name: {Name}",
        $"Version: {Version}",
        $"Description: Tykky installation made by {Kind}, in {Prefix}",
        $"Runtime: {Runtime}",
        .. Inputs.Count > 0 ? [$"Input: {string.Join(", ", Inputs)}"] : Array.Empty<string>(),
        .. Packages.Count > 0 ? [$"Packages: {string.Join(", ", Packages.Select(p => $"{p.Name} {p.Version}"))}"] : Array.Empty<string>(),
    ];

    /// <summary>The text shown by <c>module help</c>.</summary>
    public string HelpText => string.Join('\n',
    [
        $"Tykky installation {Name}/{Version} in {Prefix}",
        $"Made by: {Kind}",
        $"Runtime: {Runtime}",
        $"Inputs: {(Inputs.Count > 0 ? string.Join(", ", Inputs) : "none")}",
        .. Packages.Select(p => $"  {p.Name} {p.Version}").Prepend($"Packages{(PackageList is null ? "" : $" ({PackageList})")}:").Where(_ => Packages.Count > 0),
        Composable ? "Composable: loads together with other composable Tykky installations"
            : "Not composable: conflicts with every other non-composable Tykky installation (build with composable: yes to combine)",
        $"Loading puts {Prefix}/bin first on PATH and sets TYKKY_PREFIX; unloading undoes both.",
        $"More: tykky info {Prefix}",
    ]);
}
