using Tykky.Builder.Config;
using Tykky.Builder.Processes;
using Tykky.Builder.Reporting;
using Tykky.Launcher.Manifest;

namespace Tykky.Builder.Steps;

/// <summary>What a frontend asks to build.</summary>
/// <param name="User">The user's settings (flags and YAML) as configuration keys.</param>
/// <param name="InputFiles">The user's files, recorded under previous_input.</param>
/// <param name="IsUpdate">Update an existing installation rather than create one.</param>
public sealed record BuildRequest(ConfigMap User, IReadOnlyList<string> InputFiles, bool IsUpdate);

/// <summary>The services a command needs: where the tool is, messages, the environment, Ctrl-C.</summary>
/// <param name="Tool">The tool's files.</param>
/// <param name="Reporter">Messages.</param>
/// <param name="Environment">Reads the builder's environment.</param>
/// <param name="Cancellation">Signalled on SIGINT/SIGTERM.</param>
public sealed record BuildServices(ToolLayout Tool, Reporter Reporter, Func<string, string?> Environment, CancellationToken Cancellation);

/// <summary>Runs a build from request to deployed installation: config, checks, steps, deployment, cleanup.</summary>
public sealed class InstallationBuild(BuildServices services)
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The log of the failed build, named in its error line; null before it exists and after a success.</summary>
    private string? _keptLog;

    /// <summary>What the build is doing, for the message of a file operation that fails.</summary>
    private string _activity = "Reading the configuration";

    private BuildConfig? _config;

    /// <summary>Builds what <paramref name="request"/> asks for; returns the exit code (0, 1 on error, 130 when interrupted).</summary>
    /// <param name="request">Reads the user's input; its errors are reported like the build's.</param>
    public int Run(Func<BuildRequest> request)
    {
        var reporter = services.Reporter;
        try
        {
            Build(request());
            return 0;
        }
        catch (BuildException e)
        {
            reporter.Error(e.Message + KeptLogNote(), e.Details);
            return 1;
        }
        catch (OperationCanceledException)
        {
            reporter.Error("Interrupted; nothing was installed" + KeptLogNote());
            return 130;
        }
        catch (IOException e) when (DiskFull.Is(e))
        {
            reporter.Error(DiskFull.Message(e, _activity, _config?.BuildTmpdirBase, _config?.InstallationPrefix));
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reporter.Error($"{_activity} failed: {e.Message.TrimEnd('.')}; nothing was installed");
            return 1;
        }
    }

    private string KeptLogNote() => _keptLog is { } path ? $"; full build log: {path}" : "";

    /// <summary>
    /// Random ids need uniqueness, not secrecy. System.Security.Cryptography would load OpenSSL with
    /// dlopen, which crashes a static executable; Random.Shared is seeded from the kernel.
    /// </summary>
    private static string RandomText(string alphabet, int length) => new(Random.Shared.GetItems(alphabet.AsSpan(), length));

    private void ThrowIfLogFailed(Reporter reporter)
    {
        if (reporter.LogFailure is { } failure)
        {
            _activity = "Writing the build log";
            throw failure;
        }
    }

    private void Build(BuildRequest request)
    {
        var reporter = services.Reporter;
        foreach (var key in BuildConfigReader.UnknownKeys(request.User))
        {
            reporter.Warning($"Unknown configuration key {key} is ignored");
        }
        var siteConfigPath = services.Environment("CW_GLOBAL_YAML") ?? services.Tool.DefaultSiteConfig;
        var config = BuildConfigReader.Read(ConfigMerger.Merge(SiteConfig.Load(siteConfigPath), request.User), services.Environment,
            () => RandomText(Alphanumerics, 7));
        reporter.UseLevel(Reporter.LevelFrom(services.Environment("CW_LOG_LEVEL")) ?? config.LogLevel);
        var runner = new ToolRunner(reporter, services.Cancellation);
        _config = config;
        _activity = "Checking the build's inputs";
        var tools = Preflight.Check(config, request.IsUpdate, services.Environment, runner, reporter);
        config = Image.ImageCompression.ForBuild(config, tools.Runtime, siteConfigPath, reporter);

        _activity = "Preparing the build directory and the prefix";
        string[] layoutEntries = [config.SqfsImage, config.ContainerImage, .. VenvPythonPrefixStep.PrefixEntries, .. BuildSession.FlatLayoutEntries];
        using var session = BuildSession.Open(config.BuildTmpdirBase, config.InstallationPrefix, request.IsUpdate, Preflight.UpdateHint(config.Mode), layoutEntries,
            reporter, services.Environment("CW_DEBUG_KEEP_FILES") is not null);
        using var log = BuildLog.Open(config.BuildTmpdirBase, session.BuildDirectory);
        _keptLog = log.Path;
        reporter.AttachLog(log.Writer);
        try
        {
            var context = new BuildContext
            {
                Config = config,
                Runtime = tools.Runtime,
                Mksquashfs = tools.Mksquashfs,
                Tool = services.Tool,
                Reporter = reporter,
                Runner = runner,
                InstallationId = session.InstalledGeneration is { } installed ? ExistingInstallation.Id(installed) : RandomText("0123456789abcdef", 16),
                BuildDirectory = session.BuildDirectory,
                StagingDirectory = session.StagingDirectory,
                InstalledGeneration = session.InstalledGeneration,
                InputFiles = request.InputFiles,
                Environment = services.Environment,
            };
            foreach (var step in BuildPipeline.StepsFor(config, tools.Runtime))
            {
                services.Cancellation.ThrowIfCancellationRequested();
                _activity = step.Description;
                reporter.Info(step.Description);
                step.Run(context);
                ThrowIfLogFailed(reporter);
            }
            _activity = "Deploying the installation";
            session.Deploy();
            log.Discard();
            _keptLog = null;
        }
        finally
        {
            reporter.AttachLog(null);
        }
        reporter.Info($"Done. The installation is in {config.InstallationPrefix}");
        reporter.Info($"To use it: export PATH=\"{config.InstallationPrefix}/bin:$PATH\"  (or, with Tykky's shell functions: tykky activate {config.InstallationPrefix})");
    }
}
