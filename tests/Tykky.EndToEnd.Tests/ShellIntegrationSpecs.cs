using System.Text.RegularExpressions;
using Tykky.EndToEnd.Tests.Infrastructure;
using Tykky.Tests;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// The shell integration of the tool tree (dist/etc/profile.d/tykky.sh, dist/etc/bash_completion.d/tykky), sourced
/// by the real shells: the `tykky` function activates and deactivates installations in the calling shell and
/// hands everything else to the program. Installations here are fakes: a directory with bin/ and a manifest.
/// </summary>
public sealed partial class ShellIntegrationSpecs : IDisposable
{
    /// <summary>The shells the profile script supports; CI installs all of them (./test.sh).</summary>
    public static TheoryData<string> Shells => new() { "bash", "dash", "zsh", "ksh" };

    /// <summary>A PATH without the tool on it, and not one zsh's /etc/zsh/zshenv rewrites.</summary>
    private const string BasePath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static string ProfileScript => Path.Join(ToolTree.Root, "etc", "profile.d", "tykky.sh");

    private static string CompletionScript => Path.Join(ToolTree.Root, "etc", "bash_completion.d", "tykky");

    private readonly TempDir _scratch = new("shell");

    public ShellIntegrationSpecs() => Directory.CreateDirectory(_scratch["home"]);

    public void Dispose() => _scratch.Dispose();

    /// <summary>A fake installation: bin/ with a program printing its installation's name, and a manifest.</summary>
    private string Installation(string relative, bool upstream = false)
    {
        var name = Path.GetFileName(relative);
        _scratch.Write($"{relative}/bin/hello-tykky", $"#!/bin/sh\necho 'hello from {name}'\n", executable: true);
        _scratch.Write(upstream ? $"{relative}/common.sh" : $"{relative}/tykky.json", "");
        return _scratch[relative];
    }

    /// <summary>Fails (never skips) when the shell is missing: CI installs it.</summary>
    private static string ShellPath(string shell)
    {
        var path = new[] { "/usr/bin", "/bin" }.Select(d => Path.Join(d, shell)).FirstOrDefault(File.Exists);
        Assert.True(path is not null, $"{shell} is not installed; ./test.sh installs bash dash zsh ksh");
        return path!;
    }

    /// <summary>
    /// Runs <paramref name="script"/> in <paramref name="shell"/> after sourcing the profile script, in a clean
    /// environment: PATH without the tool, HOME in the scratch directory, no TYKKY_* or prompt variables.
    /// `show LABEL` prints LABEL.PATH=, LABEL.PREFIX= and LABEL.PS1= lines (see <see cref="Values"/>).
    /// </summary>
    private RunResult InShell(string shell, string script, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        Assert.DoesNotContain("'", ProfileScript);
        var full = $$"""
            show() { printf '%s\n' "$1.PATH=$PATH" "$1.PREFIX=${TYKKY_PREFIX-<unset>}" "$1.PS1=${PS1-<unset>}"; }
            . '{{ProfileScript}}'
            {{script}}
            """;
        var env = new Dictionary<string, string?>
        {
            ["PATH"] = BasePath,
            ["HOME"] = _scratch["home"],
            ["TYKKY_PATH"] = null,
            ["TYKKY_PREFIX"] = null,
            ["TYKKY_ROOT"] = null,
            ["TYKKY_CHANGE_PS1"] = null,
            ["TYKKY_PROMPT_MODIFIER"] = null,
            ["PS1"] = null,
            ["BASH_ENV"] = null,
            ["ENV"] = null,
            ["CDPATH"] = null,
            ["ZDOTDIR"] = null,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            env[name] = value;
        }
        return Run.Command([ShellPath(shell), "-c", full, shell],
            new RunOptions { Environment = env, WorkingDirectory = workingDirectory ?? _scratch.Path, Timeout = TimeSpan.FromSeconds(30) });
    }

    /// <summary>The LABEL.KEY=value lines of a run's stdout.</summary>
    private static Dictionary<string, string> Values(RunResult result) =>
        result.Out.Split('\n')
            .Where(line => line.Contains('=', StringComparison.Ordinal))
            .Select(line => line.Split('=', 2))
            .GroupBy(parts => parts[0])
            .ToDictionary(g => g.Key, g => g.Last()[1]);

    private static Dictionary<string, string> Succeeded(RunResult result)
    {
        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
        return Values(result);
    }

    private static string OneLine(string stderr, string tag)
    {
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{stderr}");
        Assert.StartsWith(tag, lines[0]);
        return lines[0];
    }

    private static Dictionary<string, string?> TykkyPath(params string[] directories) =>
        new() { ["TYKKY_PATH"] = string.Join(':', directories) };

    [Theory]
    [MemberData(nameof(Shells))]
    public void Sourcing_puts_the_tool_first_on_PATH_once(string shell)
    {
        var values = Succeeded(InShell(shell, $"show once; . '{ProfileScript}'; show twice; command -v wrap-install | sed 's/^/found.wrap-install=/'"));

        Assert.Equal($"{ToolTree.Root}/bin:{BasePath}", values["once.PATH"]);
        Assert.Equal(values["once.PATH"], values["twice.PATH"]);
        Assert.Equal(ToolTree.Bin("wrap-install"), values["found.wrap-install"]);
        Assert.Equal("<unset>", values["once.PREFIX"]);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void Activate_finds_a_name_on_TYKKY_PATH(string shell)
    {
        Installation("other/beta");
        var alpha = Installation("envs/alpha");

        var values = Succeeded(InShell(shell, "PS1='$ '; show before; tykky activate alpha; show after; hello-tykky | sed 's/^/ran=/'",
            TykkyPath(_scratch["other"], _scratch["envs"]), workingDirectory: "/"));

        Assert.Equal($"{alpha}/bin:{values["before.PATH"]}", values["after.PATH"]);
        Assert.Equal(alpha, values["after.PREFIX"]);
        Assert.Equal("(alpha) $ ", values["after.PS1"]);
        Assert.Equal("hello from alpha", values["ran"]);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void Activate_looks_in_HOME_dot_tykky_when_TYKKY_PATH_is_unset(string shell)
    {
        var gamma = Installation("home/.tykky/gamma");

        var values = Succeeded(InShell(shell, "tykky activate gamma; show after", workingDirectory: "/"));

        Assert.Equal(gamma, values["after.PREFIX"]);
        Assert.StartsWith($"{gamma}/bin:", values["after.PATH"]);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void Activate_takes_a_directory_absolute_or_relative(string shell)
    {
        var alpha = Installation("envs/alpha");
        Installation("beta");

        var values = Succeeded(InShell(shell, $"""
            show before
            tykky activate '{alpha}'; show absolute
            tykky activate envs/alpha/; show relative
            tykky activate beta; show name_in_cwd
            cd envs/alpha && tykky activate .; show dot
            """));

        foreach (var label in new[] { "absolute", "relative", "dot" })
        {
            Assert.Equal(alpha, values[$"{label}.PREFIX"]);
            Assert.Equal($"{alpha}/bin:{values["before.PATH"]}", values[$"{label}.PATH"]);
        }
        Assert.Equal(_scratch["beta"], values["name_in_cwd.PREFIX"]);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void Deactivate_restores_PATH_and_PS1_exactly(string shell)
    {
        var alpha = Installation("envs/alpha");
        // an empty entry (the current directory), the installation's bin already there, and a prompt with
        // the characters patterns and prompts care about
        var script = $$"""
            PATH="/usr/bin::/bin:{{alpha}}/bin:$PATH"
            PS1='[\u@\h *?] (x) \$ '
            show before
            tykky activate alpha; show active
            tykky deactivate; show after
            printf '%s\n' "modifier.set=${TYKKY_PROMPT_MODIFIER+yes}"
            """;

        var values = Succeeded(InShell(shell, script, TykkyPath(_scratch["envs"])));

        Assert.Equal($"{alpha}/bin:{values["before.PATH"]}", values["active.PATH"]);
        Assert.Equal($"(alpha) {values["before.PS1"]}", values["active.PS1"]);
        Assert.Equal(values["before.PATH"], values["after.PATH"]);
        Assert.Equal(values["before.PS1"], values["after.PS1"]);
        Assert.Equal("<unset>", values["after.PREFIX"]);
        Assert.Equal("", values["modifier.set"]);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void Deactivate_without_an_active_installation_is_harmless(string shell)
    {
        var result = InShell(shell, "PS1='$ '; show before; tykky deactivate; echo \"rc=$?\"; tykky deactivate; show after");

        var values = Succeeded(result);
        Assert.Equal("0", values["rc"]);
        Assert.Equal(values["before.PATH"], values["after.PATH"]);
        Assert.Equal("$ ", values["after.PS1"]);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void TYKKY_CHANGE_PS1_0_leaves_the_prompt_alone(string shell)
    {
        var alpha = Installation("envs/alpha");

        var values = Succeeded(InShell(shell, "PS1='$ '; TYKKY_CHANGE_PS1=0; tykky activate alpha; show active; tykky deactivate; show after",
            TykkyPath(_scratch["envs"])));

        Assert.Equal(alpha, values["active.PREFIX"]);
        Assert.Equal("$ ", values["active.PS1"]);
        Assert.Equal("$ ", values["after.PS1"]);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void Activating_another_installation_replaces_the_active_one(string shell)
    {
        Installation("envs/alpha");
        var beta = Installation("envs/beta");

        var values = Succeeded(InShell(shell, "PS1='$ '; show before; tykky activate alpha; tykky activate beta; show after; tykky deactivate; show none",
            TykkyPath(_scratch["envs"])));

        Assert.Equal($"{beta}/bin:{values["before.PATH"]}", values["after.PATH"]);
        Assert.Equal(beta, values["after.PREFIX"]);
        Assert.Equal("(beta) $ ", values["after.PS1"]);
        Assert.Equal(values["before.PATH"], values["none.PATH"]);
        Assert.Equal("$ ", values["none.PS1"]);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void An_unknown_name_is_one_error_line_and_the_shell_goes_on(string shell)
    {
        var envs = _scratch["envs"];
        Directory.CreateDirectory(envs);

        var result = InShell(shell, "PS1='$ '; show before; tykky activate no-such-env; echo \"rc=$?\"; show after; echo 'still.running=yes'",
            TykkyPath(envs));

        Assert.Equal(0, result.ExitCode);
        var values = Values(result);
        Assert.Equal("1", values["rc"]);
        Assert.Equal("yes", values["still.running"]);
        Assert.Equal(values["before.PATH"], values["after.PATH"]);
        Assert.Equal("$ ", values["after.PS1"]);
        Assert.Equal("<unset>", values["after.PREFIX"]);
        var error = OneLine(result.Stderr, "[ ERROR ]");
        Assert.Contains("'no-such-env'", error);
        Assert.Contains($"TYKKY_PATH ({envs})", error);
        Assert.Contains("add the directory holding it to TYKKY_PATH", error);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void A_failed_activation_keeps_the_active_installation(string shell)
    {
        var alpha = Installation("envs/alpha");

        var result = InShell(shell, "tykky activate alpha; tykky activate nope; echo \"rc=$?\"; show after", TykkyPath(_scratch["envs"]));

        Assert.Equal("1", Values(result)["rc"]);
        Assert.Equal(alpha, Values(result)["after.PREFIX"]);
        OneLine(result.Stderr, "[ ERROR ]");
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void Activate_without_a_name_is_a_usage_error(string shell)
    {
        var result = InShell(shell, "tykky activate; echo \"rc=$?\"; tykky activate a b; echo \"rc2=$?\" >&2");

        Assert.Equal("2", Values(result)["rc"]);
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.StartsWith("[ ERROR ] tykky activate: no installation given; usage: tykky activate NAME|DIR", lines[0]);
        Assert.StartsWith("[ ERROR ] tykky activate: too many arguments", lines[1]);
        Assert.Equal("rc2=2", lines[2]);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void A_name_on_several_places_warns_and_says_which_is_used(string shell)
    {
        var first = Installation("one/dup");
        var second = Installation("two/dup");
        var inCwd = Installation("work/dup");

        var onPath = InShell(shell, "tykky activate dup; show after", TykkyPath(_scratch["one"], _scratch["two"]), workingDirectory: "/");
        var withCwd = InShell(shell, "tykky activate dup; show after", TykkyPath(_scratch["one"], _scratch["two"]), workingDirectory: _scratch["work"]);
        var sameTwice = InShell(shell, "tykky activate dup; show after", TykkyPath(_scratch["one"], _scratch["one"] + "/"), workingDirectory: _scratch["one"]);

        Assert.Equal(0, onPath.ExitCode);
        Assert.Equal(first, Values(onPath)["after.PREFIX"]);
        var warning = OneLine(onPath.Stderr, "[ WARNING ]");
        Assert.Contains($"'dup' names 2 installations ({first}, {second}); activating {first}, the first found on TYKKY_PATH", warning);

        Assert.Equal(inCwd, Values(withCwd)["after.PREFIX"]);
        Assert.Contains($"'dup' names 3 installations ({first}, {second}, {inCwd}); activating {inCwd}, the one in the current directory",
            OneLine(withCwd.Stderr, "[ WARNING ]"));

        // the same installation reached through several entries is no ambiguity
        Assert.Equal(first, Succeeded(sameTwice)["after.PREFIX"]);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void An_upstream_bash_installation_is_accepted(string shell)
    {
        var old = Installation("envs/old", upstream: true);

        var values = Succeeded(InShell(shell, "PS1='$ '; tykky activate old; show by_name; tykky activate '" + old + "'; show by_path",
            TykkyPath(_scratch["envs"])));

        Assert.Equal(old, values["by_name.PREFIX"]);
        Assert.Equal(old, values["by_path.PREFIX"]);
        Assert.Equal("(old) $ ", values["by_path.PS1"]);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void Directories_that_are_not_installations_are_rejected(string shell)
    {
        Directory.CreateDirectory(_scratch["envs/bare/bin"]); // bin/ but no manifest
        _scratch.Write("envs/nobin/tykky.json", "");            // a manifest but no bin/

        var result = InShell(shell, """
            tykky activate envs/bare; echo "bare=$?"
            tykky activate envs/nobin; echo "nobin=$?"
            tykky activate envs/missing; echo "missing=$?"
            tykky activate bare; echo "by_name=$?"
            show after
            """, TykkyPath(_scratch["envs"]));

        Assert.Equal(0, result.ExitCode);
        var values = Values(result);
        Assert.Equal(["1", "1", "1", "1"], new[] { values["bare"], values["nobin"], values["missing"], values["by_name"] });
        Assert.Equal("<unset>", values["after.PREFIX"]);
        Assert.Equal($"{ToolTree.Root}/bin:{BasePath}", values["after.PATH"]);
        var errors = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(4, errors.Length);
        Assert.All(errors, e => Assert.StartsWith("[ ERROR ] tykky activate: ", e));
        Assert.Contains($"'{_scratch["envs/bare"]}' is not a Tykky installation (no bin/ with tykky.json or common.sh)", errors[0]);
        Assert.Contains($"'{_scratch["envs/nobin"]}' is not a Tykky installation", errors[1]);
        Assert.Contains("'envs/missing' is not a directory", errors[2]);
        Assert.Contains($"'{_scratch["envs"]}/bare' is not a Tykky installation", errors[3]);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void Other_subcommands_go_to_the_program_unchanged(string shell)
    {
        var direct = Run.Command([ToolTree.Bin("tykky"), "--help"]);
        var directBad = Run.Command([ToolTree.Bin("tykky"), "wrap-install", "--no such option"]);

        var help = InShell(shell, "tykky --help");
        var bad = InShell(shell, "tykky wrap-install '--no such option'; echo \"rc=$?\"");

        Assert.Equal(0, direct.ExitCode);
        Assert.Contains("wrap-install", direct.Out);
        Assert.Equal(direct.Out, help.Out);
        Assert.Equal(0, help.ExitCode);
        Assert.NotEqual(0, directBad.ExitCode);
        Assert.Equal(directBad.Stderr, bad.Stderr);
        Assert.EndsWith($"rc={directBad.ExitCode}\n", bad.Out);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void The_program_missing_from_PATH_is_one_error_line(string shell)
    {
        var result = InShell(shell, "PATH=/usr/bin:/bin; tykky list; echo \"rc=$?\"");

        Assert.Equal("127", Values(result)["rc"]);
        Assert.Contains("the tykky program is not on PATH", OneLine(result.Stderr, "[ ERROR ]"));
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void Works_under_set_eu_and_leaves_no_helper_variables(string shell)
    {
        Installation("envs/alpha");
        Installation("one/dup");
        Installation("envs/dup");
        var helpers = HelperName().Matches(File.ReadAllText(ProfileScript)).Select(m => m.Value).Distinct().ToArray();
        Assert.Contains("__tykky_found", helpers);

        var result = InShell(shell, $$"""
            set -eu
            check() { for n in {{string.Join(' ', helpers)}}; do eval "[ -z \"\${$n+x}\" ]" || echo "leaked.after.$1=$n"; done; }
            check sourcing
            tykky activate alpha; check activate
            tykky activate dup 2>/dev/null; check ambiguous
            tykky activate nope 2>/dev/null || true; check failed
            tykky deactivate; check deactivate
            tykky deactivate; check deactivate-again
            tykky --version >/dev/null; check program
            echo done=yes
            """, TykkyPath(_scratch["envs"], _scratch["one"]));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("done=yes\n", result.Out);
    }

    [Fact]
    public void Bash_completes_subcommands()
    {
        var result = Run.Command([ShellPath("bash"), "-c", $$"""
            . '{{CompletionScript}}'
            complete -p tykky
            COMP_WORDS=(tykky ''); COMP_CWORD=1; __tykky_complete; echo "all=${COMPREPLY[*]}"
            COMP_WORDS=(tykky wr); COMP_CWORD=1; __tykky_complete; echo "wr=${COMPREPLY[*]}"
            COMP_WORDS=(tykky d); COMP_CWORD=1; __tykky_complete; echo "d=${COMPREPLY[*]}"
            """]);

        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
        Assert.Contains("complete -o default -F __tykky_complete tykky", result.Out);
        var values = Values(result);
        Assert.Equal("activate deactivate info list doctor module export conda-containerize pip-containerize spack-containerize wrap-container wrap-install", values["all"]);
        Assert.Equal("wrap-container wrap-install", values["wr"]);
        Assert.Equal("deactivate doctor", values["d"]);
    }

    [Fact]
    public void Bash_completes_installation_names_after_activate()
    {
        Installation("one/alpha");
        Installation("one/beta");
        Installation("two/alto", upstream: true);
        Installation("cwd/local");
        Directory.CreateDirectory(_scratch["one/not-an-env/bin"]);

        var result = Run.Command([ShellPath("bash"), "-c", $$"""
            . '{{CompletionScript}}'
            COMP_WORDS=(tykky activate ''); COMP_CWORD=2; __tykky_complete; echo "all=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')"
            COMP_WORDS=(tykky activate al); COMP_CWORD=2; __tykky_complete; echo "al=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')"
            COMP_WORDS=(tykky activate alpha ''); COMP_CWORD=3; __tykky_complete; echo "third=${COMPREPLY[*]}"
            COMP_WORDS=(tykky activate ../one/al); COMP_CWORD=2; __tykky_complete; echo "path=${COMPREPLY[*]}"
            """], new RunOptions
        {
            WorkingDirectory = _scratch["cwd"],
            Environment = new Dictionary<string, string?> { ["TYKKY_PATH"] = $"{_scratch["one"]}:{_scratch["two"]}" },
        });

        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
        var values = Values(result);
        Assert.Equal("alpha alto beta local ", values["all"]);
        Assert.Equal("alpha alto ", values["al"]);
        Assert.Equal("", values["third"]);
        Assert.Equal("../one/alpha", values["path"]);
    }

    [Fact]
    public void Interactive_bash_gets_the_completion_from_the_profile_script()
    {
        var result = Run.Command([ShellPath("bash"), "--norc", "-i", "-c", $". '{ProfileScript}'; complete -p tykky"],
            new RunOptions { Environment = new Dictionary<string, string?> { ["HOME"] = _scratch["home"], ["PATH"] = BasePath } });

        Assert.Contains("complete -o default -F __tykky_complete tykky", result.Out);
    }

    [GeneratedRegex("__tykky_[a-z_]+")]
    private static partial Regex HelperName();
}
