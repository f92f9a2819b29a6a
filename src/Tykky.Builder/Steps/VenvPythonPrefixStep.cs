using Tykky.Builder.Packages;

namespace Tykky.Builder.Steps;

/// <summary>
/// When a wrapper path holds a venv's python (upstream generate_wrappers.sh: <c>python</c> with
/// <c>../pyvenv.cfg</c>), lays out the prefix so that the wrapper is a proper Python and venvs made on
/// top of it run through it: see <see cref="VenvPrefixPlan"/>. The view goes into the image, the
/// prefix gets pyvenv.cfg, lib and lib64.
/// </summary>
public sealed class VenvPythonPrefixStep : IBuildStep
{
    /// <summary>What this step adds to the prefix (deployed with the rest).</summary>
    public static readonly IReadOnlyList<string> PrefixEntries = ["pyvenv.cfg", "lib", "lib64"];

    /// <inheritdoc/>
    public string Description => "Looking for a venv's python to wrap";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        var venvBins = context.Config.WrapperPaths.Where(path => IsVenvBin(context, path)).ToArray();
        if (venvBins.Length == 0)
        {
            return;
        }
        if (venvBins.Length > 1)
        {
            context.Reporter.Warning($"Several wrapper paths hold a venv's python ({string.Join(", ", venvBins)}); the prefix is set up for the first");
        }
        var bin = venvBins[0].TrimEnd('/');
        var environmentRoot = Path.GetDirectoryName(bin)!;
        var venvConfig = File.ReadAllText(context.OnHost($"{environmentRoot}/pyvenv.cfg"));
        var python = BasePython.Parse(context.Runner.Capture(Sandbox.Command(context, $"asking {bin}/python about its installation", [$"{bin}/python", "-c", BasePython.Query])), $"{bin}/python");
        var systemSite = venvConfig.Split('\n').Any(line => line.Replace(" ", "").Equals("include-system-site-packages=true", StringComparison.OrdinalIgnoreCase));
        CreateLinks(Path.Join(context.InstallTree, VenvPrefixPlan.ViewDirectory), VenvPrefixPlan.ViewLinks(python, environmentRoot, systemSite), replace: true);
        CreateLinks(context.StagingDirectory, VenvPrefixPlan.PrefixLinks(context.Config.InstallationPath), replace: false);
        File.WriteAllText(Path.Join(context.StagingDirectory, "pyvenv.cfg"), VenvPrefixPlan.PrefixPyvenvConfig(venvConfig));
        context.Reporter.Info($"{bin}/python is a venv's (Python {python.Version}): the prefix gets pyvenv.cfg and lib/python{python.Version}, so venvs made with it run through the wrapper");
    }

    /// <summary>True when <paramref name="wrapperPath"/> (inside) is a directory of the image with a python whose parent has pyvenv.cfg.</summary>
    private static bool IsVenvBin(BuildContext context, string wrapperPath)
    {
        var onHost = context.OnHost(wrapperPath);
        if (onHost == wrapperPath || !Directory.Exists(onHost))
        {
            return false;
        }
        var python = new FileInfo(Path.Join(onHost, "python"));
        return (python.Exists || python.LinkTarget is not null) && File.Exists(Path.Join(Path.GetDirectoryName(onHost.TrimEnd('/'))!, "pyvenv.cfg"));
    }

    private static void CreateLinks(string root, IReadOnlyList<LinkSpec> links, bool replace)
    {
        if (replace && Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
        foreach (var link in links)
        {
            var path = Path.Join(root, link.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.CreateSymbolicLink(path, link.Target);
        }
    }
}
