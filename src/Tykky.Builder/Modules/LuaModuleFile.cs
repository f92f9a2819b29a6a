using System.Globalization;
using System.Text;

namespace Tykky.Builder.Modules;

/// <summary>The Lmod (.lua) module file of an installation. Pure.</summary>
public static class LuaModuleFile
{
    /// <summary>The file's text.</summary>
    public static string Render(ModuleDescription module)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"-- Lmod module of the Tykky installation {module.Prefix}, written by tykky {ToolVersion.Current}.\n");
        text.Append("-- Each build and update of the installation writes it again (a copy made by 'tykky module --into' does not change).\n");
        foreach (var line in module.WhatisLines)
        {
            text.Append(CultureInfo.InvariantCulture, $"whatis({Quote(line)})\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"help({Quote(module.HelpText + "\n")})\n");
        text.Append(CultureInfo.InvariantCulture, $"local prefix = {Quote(module.Prefix)}\n");
        if (!module.Composable)
        {
            text.Append(CultureInfo.InvariantCulture, $"local loaded = os.getenv({Quote(ModuleFamily.LoadedVariable)})\n");
            text.Append("if mode() == \"load\" and loaded and loaded ~= myModuleName() then\n");
            text.Append(CultureInfo.InvariantCulture, $"    LmodError({string.Join(" .. ", ModuleFamily.Refusal("myModuleFullName()", "loaded").Select(p => p.IsExpression ? p.Text : Quote(p.Text)))})\n");
            text.Append("end\n");
            text.Append(CultureInfo.InvariantCulture, $"family({Quote(ModuleFamily.Name)})\n");
        }
        text.Append("prepend_path(\"PATH\", pathJoin(prefix, \"bin\"))\n");
        // pushenv, not setenv: unloading one of several composable installations gives back the previous TYKKY_PREFIX.
        text.Append("pushenv(\"TYKKY_PREFIX\", prefix)\n");
        return text.ToString();
    }

    /// <summary>A Lua string literal of <paramref name="value"/>.</summary>
    public static string Quote(string value) => ModuleQuoting.Quote(value, c => c switch
    {
        '\\' => "\\\\",
        '"' => "\\\"",
        _ when ModuleQuoting.IsControl(c) => $"\\{(int)c:D3}",
        _ => null,
    });
}
