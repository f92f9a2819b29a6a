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
            reporter.Error(e.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            reporter.Error("Interrupted; nothing was installed");
            return 130;
        }
    }

    /// <summary>
    /// Random ids need uniqueness, not secrecy. System.Security.Cryptography would load OpenSSL with
    /// dlopen, which crashes a static executable; Random.Shared is seeded from the kernel.
    /// </summary>
    private static string RandomText(string alphabet, int length) => new(Random.Shared.GetItems(alphabet.AsSpan(), length));

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
        var tools = Preflight.Check(config, request.IsUpdate, services.Environment, runner, reporter);

        using var session = BuildSession.Open(config.BuildTmpdirBase, config.InstallationPrefix, reporter, services.Environment("CW_DEBUG_KEEP_FILES") is not null);
        using var log = new StreamWriter(Path.Join(session.BuildDirectory, "build.log")) { AutoFlush = true };
        reporter.AttachLog(log);
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
                InstallationId = request.IsUpdate ? ExistingInstallation.Id(config.InstallationPrefix) : RandomText("0123456789abcdef", 16),
                BuildDirectory = session.BuildDirectory,
                StagingDirectory = session.StagingDirectory,
                InputFiles = request.InputFiles,
                Environment = services.Environment,
            };
            foreach (var step in BuildPipeline.StepsFor(config, tools.Runtime))
            {
                services.Cancellation.ThrowIfCancellationRequested();
                reporter.Info(step.Description);
                step.Run(context);
            }
            session.Deploy([config.SqfsImage, config.ContainerImage, InstallationLayout.JoinerFileName, .. VenvPythonPrefixStep.PrefixEntries]);
        }
        finally
        {
            reporter.AttachLog(null);
        }
        reporter.Info($"Done. The installation is in {config.InstallationPrefix}");
        reporter.Info($"To use it: export PATH=\"{config.InstallationPrefix}/bin:$PATH\"  (or, with Tykky's shell functions: tykky activate {config.InstallationPrefix})");
    }
}
