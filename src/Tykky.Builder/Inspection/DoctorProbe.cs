using System.Text.RegularExpressions;
using Tykky.Builder.Config;
using Tykky.Builder.Native;
using Tykky.Builder.Processes;
using Tykky.Builder.Reporting;
using Tykky.Builder.Runtime;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Inspection;

/// <summary>Gathers the facts <see cref="DoctorChecks"/> decides on: the site config, the programs, kernel settings, devices.</summary>
public static partial class DoctorProbe
{
    /// <summary>bubblewrap's smallest sandbox with a user namespace: what every bwrap launch needs.</summary>
    private static readonly string[] UserNamespaceProbe = ["--unshare-user", "--unshare-pid", "--die-with-parent", "--ro-bind", "/", "/", "true"];

    /// <summary>Gathers the facts for the user running the builder.</summary>
    public static DoctorFacts Gather(string siteConfigPath, Func<string, string?> environment, ToolRunner runner)
    {
        var searchPath = environment("PATH");
        var (runtime, configuredRuntime, siteError) = ReadSiteConfig(siteConfigPath, environment);
        var bwrap = ExecutableSearch.Find("bwrap", searchPath);
        var unsquashfs = ExecutableSearch.Find("unsquashfs", searchPath);
        var installations = InstallationFinder.FindAll(InstallationFinder.SearchPath(environment));
        var buildBase = BuildBaseOf(siteConfigPath, environment);
        return new DoctorFacts
        {
            BuildBase = buildBase,
            Leftovers =
            [
                .. buildBase is null ? [] : Deploy.BuildDebris.InBuildBase(buildBase),
                .. installations.SelectMany(found => Deploy.BuildDebris.InPrefix(found.Prefix, locked: false)),
            ],
            SiteConfig = siteConfigPath,
            SiteConfigError = siteError,
            Runtime = runtime,
            Apptainer = FindApptainer(runtime, configuredRuntime, searchPath, runner),
            Bwrap = bwrap is null ? null : Version(bwrap, "--version", runner),
            Squashfuse = RuntimeResolver.FindSquashfuse(searchPath),
            Mksquashfs = ExecutableSearch.Find("mksquashfs", searchPath),
            Unsquashfs = unsquashfs is null ? null : UnsquashfsVersion(unsquashfs, runner),
            UserNamespaces = new UserNamespaceFacts(
                bwrap is null ? "" : ProbeUserNamespace(bwrap, runner),
                Sysctl("kernel/unprivileged_userns_clone"), Sysctl("user/max_user_namespaces"), Sysctl("kernel/apparmor_restrict_unprivileged_userns")),
            Fuse = FuseOf("/dev/fuse"),
            LoopControl = File.Exists("/dev/loop-control"),
            KeeperDirectory = KeeperList.DirectoryFor(environment),
            Keepers = KeeperList.Read(KeeperList.DirectoryFor(environment)),
            User = Environment.UserName,
            IsRoot = Environment.IsPrivilegedProcess,
            InstallationsSeen = installations.Count,
            UnmountableInstallations = UnmountableInstallations(installations),
        };
    }

    /// <summary>Every Tykky installation on TYKKY_PATH whose image its recorded runtime cannot mount.</summary>
    private static string[] UnmountableInstallations(IReadOnlyList<FoundInstallation> installations)
    {
        var inspector = new InstallationInspector(unsquashfs: null);
        return installations.Where(found => found.Maker == InstallationMaker.Tykky).SelectMany(found =>
        {
            try
            {
                return inspector.Inspect(found.Prefix).UnmountableImages.Select(problem => $"{found.Name} ({found.Prefix}): {problem}");
            }
            catch (BuildException)
            {
                return []; // tykky list and info report installations that cannot be read
            }
        }).ToArray();
    }

    private static (RuntimeChoice Runtime, string? Executable, string? Error) ReadSiteConfig(string path, Func<string, string?> environment)
    {
        try
        {
            var values = new ConfigValues(ConfigMerger.Merge(SiteConfig.Load(path), ConfigMap.Empty("doctor")));
            var choice = (values.OptionalText("runtime") ?? "auto").ToLowerInvariant() switch
            {
                "apptainer" => RuntimeChoice.Apptainer,
                "singularity" => RuntimeChoice.Singularity,
                "bwrap" or "bubblewrap" => RuntimeChoice.Bwrap,
                _ => RuntimeChoice.Auto,
            };
            var executable = values.OptionalText("singularity_executable_path") is { } configured
                ? VariableExpansion.Expand(configured, environment, VariableExpansion.UnsetVariables.Keep) : null;
            return (choice, executable, null);
        }
        catch (BuildException e)
        {
            return (RuntimeChoice.Auto, null, e.Message);
        }
    }

    private static string? BuildBaseOf(string siteConfigPath, Func<string, string?> environment)
    {
        if (environment("CW_BUILD_TMPDIR") is { Length: > 0 } tmpdir)
        {
            return tmpdir;
        }
        try
        {
            var configured = new ConfigValues(ConfigMerger.Merge(SiteConfig.Load(siteConfigPath), ConfigMap.Empty("doctor"))).OptionalText("build_tmpdir_base");
            return configured is null ? null : VariableExpansion.Expand(configured, environment, VariableExpansion.UnsetVariables.Keep);
        }
        catch (BuildException)
        {
            return null; // the site config check reports it
        }
    }

    /// <summary>The apptainer or singularity the builder would take, checked the same way.</summary>
    private static FoundTool? FindApptainer(RuntimeChoice runtime, string? configured, string? searchPath, ToolRunner runner)
    {
        IEnumerable<string?> candidates = runtime switch
        {
            RuntimeChoice.Apptainer or RuntimeChoice.Singularity => [configured ?? runtime.ToString().ToLowerInvariant()],
            RuntimeChoice.Bwrap or RuntimeChoice.Auto => [configured, "apptainer", "singularity"],
        };
        var found = candidates.OfType<string>().Select(name => ExecutableSearch.Find(name, searchPath)).FirstOrDefault(path => path is not null);
        if (found is null)
        {
            return null;
        }
        try
        {
            var spec = RuntimeResolver.VerifyApptainer(found, runner, new Reporter(LogLevel.Error, TextWriter.Null, TextWriter.Null));
            return new FoundTool(found, $"{spec.Kind.ToString().ToLowerInvariant()} version {spec.Version}");
        }
        catch (BuildException e)
        {
            return new FoundTool(found, null, e.Message);
        }
    }

    private static FoundTool Version(string executable, string option, ToolRunner runner)
    {
        try
        {
            return new FoundTool(executable, runner.Capture(new ToolCommand($"asking {executable} for its version", [executable, option])).Trim());
        }
        catch (BuildException e)
        {
            return new FoundTool(executable, null, e.Message);
        }
    }

    /// <summary>unsquashfs -version prints "unsquashfs version 4.5.1 (2022/03/17)" and a dozen lines of licence, and exits 1.</summary>
    private static FoundTool UnsquashfsVersion(string executable, ToolRunner runner)
    {
        var (_, lines, _) = runner.RunAllowingFailure(new ToolCommand($"asking {executable} for its version", [executable, "-version"]));
        var version = lines.Select(line => VersionNumber().Match(line)).FirstOrDefault(match => match.Success)?.Groups[1].Value;
        return new FoundTool(executable, version);
    }

    /// <summary>null when the sandbox ran; otherwise bubblewrap's last words.</summary>
    private static string? ProbeUserNamespace(string bwrap, ToolRunner runner)
    {
        var (exitCode, tail, _) = runner.RunAllowingFailure(new ToolCommand("trying a user namespace", [bwrap, .. UserNamespaceProbe]));
        return exitCode == 0 ? null : tail.LastOrDefault() ?? $"exit status {exitCode}";
    }

    private static FuseFacts FuseOf(string device)
    {
        if (!File.Exists(device))
        {
            return new FuseFacts(false, false, "", false);
        }
        var mode = File.GetUnixFileMode(device);
        const UnixFileMode othersReadWrite = UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        return new FuseFacts(true, PosixDirectories.IsReadableAndWritable(device), DoctorChecks.Octal(mode), (mode & othersReadWrite) == othersReadWrite);
    }

    private static string? Sysctl(string name)
    {
        try
        {
            return File.ReadAllText(Path.Join("/proc/sys", name)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"version (\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex VersionNumber();
}
