using System.Globalization;
using System.Text;

namespace Tykky.Builder.Modules;

/// <summary>The Environment Modules (Tcl) module file of an installation; Lmod reads it too, but prefers the .lua beside it. Pure.</summary>
public static class TclModuleFile
{
    /// <summary>The file's text (Environment Modules reads only files starting with the <c>#%Module</c> cookie).</summary>
    public static string Render(ModuleDescription module)
    {
        var text = new StringBuilder("#%Module1.0\n");
        text.Append(CultureInfo.InvariantCulture, $"## Environment Modules module of the Tykky installation {module.Prefix}, written by tykky {ToolVersion.Current}.\n");
        text.Append("## Each build and update of the installation writes it again (a copy made by 'tykky module --into' does not change).\n");
        text.Append(CultureInfo.InvariantCulture, $"proc ModulesHelp {{}} {{\n    puts stderr {Quote(module.HelpText)}\n}}\n");
        foreach (var line in module.WhatisLines)
        {
            text.Append(CultureInfo.InvariantCulture, $"module-whatis {Quote(line)}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"set prefix {Quote(module.Prefix)}\n");
        if (!module.Composable)
        {
            var loaded = $"$::env({ModuleFamily.LoadedVariable})";
            text.Append(CultureInfo.InvariantCulture, $"if {{[module-info mode load] && [info exists ::env({ModuleFamily.LoadedVariable})] && {loaded} ne {Quote(module.Name)}}} {{\n");
            text.Append(CultureInfo.InvariantCulture, $"    error {$"\"{string.Concat(ModuleFamily.Refusal("[module-info name]", loaded).Select(p => p.IsExpression ? p.Text : Quote(p.Text)[1..^1]))}\""}\n");
            text.Append("}\n");
            text.Append(CultureInfo.InvariantCulture, $"family {ModuleFamily.Name}\n");
        }
        text.Append("prepend-path PATH $prefix/bin\n");
        // pushenv, not setenv: unloading one of several composable installations gives back the previous TYKKY_PREFIX.
        text.Append("pushenv TYKKY_PREFIX $prefix\n");
        return text.ToString();
    }

    /// <summary>A Tcl double-quoted word of <paramref name="value"/>: nothing in it is substituted.</summary>
    public static string Quote(string value) => ModuleQuoting.Quote(value, c => c switch
    {
        '\\' or '"' or '$' or '[' or ']' or '{' or '}' => $"\\{c}",
        _ when ModuleQuoting.IsControl(c) => $"\\x{(int)c:x2}",
        _ => null,
    });
}
