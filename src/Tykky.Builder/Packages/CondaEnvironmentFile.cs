using System.Text;
using System.Text.RegularExpressions;
using Tykky.Builder.Config;

namespace Tykky.Builder.Packages;

/// <summary>
/// Checks a conda environment file before Miniforge is downloaded (issue #8.8): text, and the shape
/// conda reads: a YAML mapping whose <c>dependencies</c> is a list (<c>conda env create</c>), or an
/// explicit or plain spec, one package, URL or <c>@EXPLICIT</c> per line (<c>conda create --file</c>).
/// </summary>
public static partial class CondaEnvironmentFile
{
    /// <summary>Environment files are small text files; anything larger is not one (a conda-lock of thousands of packages is a few MiB).</summary>
    private const long MaxBytes = 16L << 20;

    /// <summary>A <see cref="BuildException"/> saying what is wrong with <paramref name="path"/>, naming it as <paramref name="what"/>.</summary>
    public static void Check(string path, string what)
    {
        var text = ReadText(path, what);
        if (Steps.CreateCondaEnvStep.IsYaml(path))
        {
            CheckYaml(text, path, what);
        }
        else
        {
            CheckSpec(text, path, what);
        }
    }

    /// <summary>The file as text; binary content (a NUL byte or invalid UTF-8) is refused.</summary>
    private static string ReadText(string path, string what)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxBytes)
            {
                throw new BuildException($"{what} '{path}' is {length} bytes; an environment file is a text file of at most {MaxBytes >> 20} MiB: give the .yml/.yaml file or explicit spec .txt");
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException($"Cannot read {what} '{path}': {e.Message.TrimEnd('.')}");
        }
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            throw Binary(path, what, nul);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw Binary(path, what, e.Index);
        }
    }

    private static BuildException Binary(string path, string what, int index) =>
        new($"{what} '{path}' is a binary file{(index >= 0 ? $" (byte {index} is not text)" : "")}, not a conda environment file: give a .yml/.yaml environment or an explicit spec .txt");

    private static void CheckYaml(string text, string path, string what)
    {
        var document = YamlConfigReader.Parse(text, path, what);
        switch (document.Get("dependencies"))
        {
            case null or ConfigList:
                return;
            case var other:
                throw new BuildException($"{what} '{path}': 'dependencies' ({other.Origin}) must be a list of packages (- name=version)");
        }
    }

    private static void CheckSpec(string text, string path, string what)
    {
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length > 0 && !line.StartsWith('#') && line != "@EXPLICIT" && !line.Contains("://", StringComparison.Ordinal) && !SpecLine().IsMatch(line))
            {
                throw new BuildException($"{what} '{path}' line {number}: '{line}' is not a package spec, a package URL or @EXPLICIT; an explicit spec lists one package per line (conda list --explicit), a .yml/.yaml file is an environment");
            }
        }
    }

    /// <summary>A package name (optionally channel::name) and what may follow it: a version, a build, a selector.</summary>
    [GeneratedRegex(@"^([^\s:]+::)?[A-Za-z0-9_][A-Za-z0-9_.\-]*([\[=<>!~\s].*)?$")]
    private static partial Regex SpecLine();
}
