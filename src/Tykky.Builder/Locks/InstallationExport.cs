using Tykky.Builder.Commands;
using Tykky.Builder.Config;
using Tykky.Builder.Steps;

namespace Tykky.Builder.Locks;

/// <summary>
/// <c>tykky export</c>: the locks of a pip or conda installation in a directory that a build takes in
/// place of its input file (<c>pip-containerize new --prefix NEW DIR</c>): <c>requirements.txt</c> (pip
/// pins with hashes) or <c>conda-explicit.txt</c> (URLs with MD5s), <c>conf.yaml</c> (the installation's
/// configuration, as an update takes it over, naming that file), <c>container.txt</c> (the container and
/// its SHA-256) and the <c>VERSION.yml</c> of the tool that built it. Written beside the target and
/// renamed into place, so a failed export leaves nothing.
/// </summary>
public static class InstallationExport
{
    /// <summary>The build configuration file of an export.</summary>
    public const string ConfigFileName = "conf.yaml";

    /// <summary>The lock files of an export, by the configuration key that names them.</summary>
    private static readonly IReadOnlyDictionary<string, string> LockFileNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["requirements_file"] = "requirements.txt",
        ["env_file"] = "conda-explicit.txt",
    };

    /// <summary>Exports the installation in <paramref name="prefix"/> into <paramref name="target"/> (new or empty); <paramref name="sha256"/> digests a file.</summary>
    public static ExportResult Write(string prefix, string target, Func<string, string> sha256)
    {
        var share = Path.Join(prefix, "share");
        var conf = Path.Join(share, "conf.yaml");
        if (!File.Exists(conf))
        {
            throw new BuildException($"'{prefix}' is not a Tykky installation (no share/conf.yaml); give the prefix of an installation made by pip-containerize or conda-containerize");
        }
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw new BuildException($"Export directory '{target}' exists and is not empty; give a new or empty directory");
        }
        var old = YamlConfigReader.ReadFile(conf, "installation configuration");
        var mode = new ConfigValues(old).OptionalText("mode");
        var warnings = new List<string>();
        IReadOnlyList<(string Key, string Text)> locks = mode switch
        {
            "venv" => [("requirements_file", PipRequirements(share, warnings))],
            "conda" => [("env_file", CondaSpec(share, warnings)), .. File.Exists(Path.Join(share, PipLock.FileName)) ? [("requirements_file", PipRequirements(share, warnings))] : Array.Empty<(string, string)>()],
            _ => throw new BuildException($"'{prefix}' was made by {(mode == "wrapdisk" ? "wrap-install" : "wrap-container")}: it has no package locks; export takes pip-containerize and conda-containerize installations"),
        };
        // A composable installation's path holds its random suffix: the new build draws its own.
        var composable = new ConfigValues(old).Flag("composable", false);
        var config = locks.Aggregate(new ConfigMap(old.Entries.Where(e => !PackageRequests.OneShotKeys.Contains(e.Key) && !(composable && e.Key == "installation_path")).ToArray(), conf),
            (map, lockFile) => map.With(lockFile.Key, new ConfigScalar(LockFileNames[lockFile.Key], "tykky export")));
        var partial = $"{target.TrimEnd('/')}.tykky-partial-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(partial);
            foreach (var (key, text) in locks)
            {
                File.WriteAllText(Path.Join(partial, LockFileNames[key]), text);
            }
            File.WriteAllText(Path.Join(partial, ConfigFileName), $"# The configuration of {prefix}; build it again with: {FrontendOf(mode)} new --prefix NEW {target}\n" + ConfigYamlWriter.ToYaml(config));
            File.WriteAllText(Path.Join(partial, "container.txt"), ContainerText(prefix, old, sha256));
            if (File.Exists(Path.Join(share, "VERSION.yml")))
            {
                File.Copy(Path.Join(share, "VERSION.yml"), Path.Join(partial, "VERSION.yml"));
            }
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }
            Directory.Move(partial, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException($"Cannot write the export into '{target}': {e.Message.TrimEnd('.')}; choose a directory you can write to");
        }
        finally
        {
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }
        }
        return new ExportResult(FrontendOf(mode), warnings);
    }

    /// <summary>
    /// The configuration of a build from an export directory, for <paramref name="mode"/>: its conf.yaml
    /// with the lock files made absolute; and the lock files (the build's inputs).
    /// </summary>
    public static (ConfigMap User, List<string> LockFiles) ReadForBuild(string directory, string mode)
    {
        var conf = Path.Join(directory, ConfigFileName);
        if (!File.Exists(conf))
        {
            throw new BuildException($"'{directory}' is a directory but not an export (no {ConfigFileName}); give a requirements or environment file, or a directory written by 'tykky export'");
        }
        var user = YamlConfigReader.ReadFile(conf, "exported configuration");
        var values = new ConfigValues(user);
        if (values.OptionalText("mode") != mode)
        {
            throw new BuildException($"Export '{directory}' is of a {values.OptionalText("mode")} installation; build it with {FrontendOf(values.OptionalText("mode"))}");
        }
        var lockFiles = new List<string>();
        foreach (var key in LockFileNames.Keys.Where(k => values.OptionalText(k) is not null))
        {
            var file = Path.GetFullPath(Path.Join(directory, values.Text(key)));
            user = user.With(key, new ConfigScalar(file, conf));
            lockFiles.Add(file);
        }
        return (user, lockFiles);
    }

    private static string FrontendOf(string? mode) => mode == "conda" ? CondaContainerizeCommand.Name : PipContainerizeCommand.Name;

    private static string PipRequirements(string share, List<string> warnings)
    {
        var pipLock = Path.Join(share, PipLock.FileName);
        if (File.Exists(pipLock) && File.ReadAllText(pipLock) is var text && PipLock.IsComplete(text))
        {
            return text;
        }
        warnings.Add($"Not every pip package of the installation has a recorded hash ({(File.Exists(pipLock) ? File.ReadAllLines(pipLock)[0].TrimStart('#', ' ') : "no share/pip-lock.txt: built by an older Tykky")}); requirements.txt pins versions without hashes");
        var freeze = Path.Join(share, RecordPipPackagesStep.FileName);
        return File.Exists(freeze) ? File.ReadAllText(freeze) : throw new BuildException($"The installation has no package list (share/{RecordPipPackagesStep.FileName}); update it first, and the update records one");
    }

    private static string CondaSpec(string share, List<string> warnings)
    {
        var spec = Path.Join(share, RecordCondaPackagesStep.ExplicitFileName);
        var text = File.Exists(spec) ? File.ReadAllText(spec) : throw new BuildException($"The installation has no package list (share/{RecordCondaPackagesStep.ExplicitFileName}); update it first, and the update records one");
        if (text.Split('\n').Any(l => l.Contains("://", StringComparison.Ordinal) && !l.Contains('#')))
        {
            warnings.Add("The conda packages were recorded without hashes (by an older Tykky); conda-explicit.txt has URLs only");
        }
        return text;
    }

    private static string ContainerText(string prefix, ConfigMap old, Func<string, string> sha256)
    {
        var values = new ConfigValues(old);
        var image = Path.Join(prefix, values.OptionalText("container_image") ?? "container.sif");
        var source = values.OptionalText("container_src") ?? "auto";
        return File.Exists(image)
            ? $"container_src: {source}\nimage: {image}\nsha256: {sha256(image)}\n"
            : $"container_src: {source}\nimage: none (the installation runs in host mode, on this host's files)\n";
    }
}
