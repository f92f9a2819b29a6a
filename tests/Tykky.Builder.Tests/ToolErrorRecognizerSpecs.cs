using Tykky.Builder.Processes;

namespace Tykky.Builder.Tests;

/// <summary>The error report of a failed tool, found in its whole output as it passes.</summary>
public class ToolErrorRecognizerSpecs
{
    /// <summary>conda 24.4's PackagesNotFoundError as it prints it (conda/exceptions.py, printed as "\n%r\n").</summary>
    private static readonly string[] PackagesNotFound =
    [
        "PackagesNotFoundError: The following packages are not available from current channels:",
        "",
        "  - nosuchpkg-a",
        "  - nosuchpkg-b",
        "  - nosuchpkg-c",
        "",
        "Current channels:",
        "",
        "  - file:///srv/channel/linux-64",
        "  - file:///srv/channel/noarch",
        "",
        "To search for alternate channels that may provide the conda package you're",
        "looking for, navigate to",
        "",
        "    https://anaconda.org",
        "",
        "and use the search bar at the top of the page.",
    ];

    public sealed record Case(string Name, string[] Output, ToolErrorKind? Kind, string? Summary, string[]? Block = null)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Rows() =>
    [
        new("conda: the whole PackagesNotFoundError block, every package in the summary",
            ["Channels:", " - file:///srv/channel", "Solving environment: failed", "", .. PackagesNotFound, "", ""],
            ToolErrorKind.NamedException,
            "PackagesNotFoundError: The following packages are not available from current channels: nosuchpkg-a, nosuchpkg-b, nosuchpkg-c",
            PackagesNotFound),
        // the classic solver's env create; conda's header ends with a space
        new("conda: ResolvePackageNotFound", ["Solving environment: failed", "", "ResolvePackageNotFound: ", "  - nosuchpkg-a", "  - python=2.1", ""],
            ToolErrorKind.NamedException, "ResolvePackageNotFound: nosuchpkg-a, python=2.1", ["ResolvePackageNotFound: ", "  - nosuchpkg-a", "  - python=2.1"]),
        new("conda: an exception without a list", ["CondaHTTPError: HTTP 000 CONNECTION FAILED for url <https://conda.anaconda.org/x>", "Elapsed: -", "", ""],
            ToolErrorKind.NamedException, "CondaHTTPError: HTTP 000 CONNECTION FAILED for url <https://conda.anaconda.org/x>"),
        new("pip: its ERROR lines, the last is the conclusion, pip's notice is not part of it",
            ["Looking in links: /w", "ERROR: Could not find a version that satisfies the requirement nosuch (from versions: none)", "ERROR: No matching distribution found for nosuch", "", "[notice] A new release of pip is available"],
            ToolErrorKind.PipError, "ERROR: No matching distribution found for nosuch",
            ["ERROR: Could not find a version that satisfies the requirement nosuch (from versions: none)", "ERROR: No matching distribution found for nosuch"]),
        new("mamba: the libmamba report with what does not exist",
            ["error    libmamba Could not solve for environment specs", "    The following packages are incompatible", "    ├─ nosuchpkg-a does not exist (perhaps a typo or a missing channel);", "    └─ nosuchpkg-b does not exist (perhaps a typo or a missing channel).", "critical libmamba Could not solve for environment specs"],
            ToolErrorKind.LibMamba, "libmamba: Could not solve for environment specs; does not exist: nosuchpkg-a, nosuchpkg-b"),
        // mamba 2 with a channel-qualified spec (mamba-org/mamba#4025)
        new("mamba: a missing spec is named whole",
            ["error    libmamba Could not solve for environment specs", "    The following package could not be installed", "    └─ numexpr =* * does not exist (perhaps a typo or a missing channel).", "critical libmamba Could not solve for environment specs"],
            ToolErrorKind.LibMamba, "libmamba: Could not solve for environment specs; does not exist: numexpr =* *"),
        new("Spack: the first ==> Error line, not the fail-fast conclusion",
            ["==> Installing needs-network-1.0-abc [1/1]", "==> Error: Failed to install needs-network due to FetchError: All fetchers failed for spack-stage-needs-network-1.0-abc",
                "==> Error: Terminating after first install failure: All fetchers failed for spack-stage-needs-network-1.0-abc"],
            ToolErrorKind.SpackError, "==> Error: Failed to install needs-network due to FetchError: All fetchers failed for spack-stage-needs-network-1.0-abc"),
        new("Spack: an unknown package, with its hint", ["==> Error: Package 'nosuchpkg' not found.", "    Use 'spack create' to create a new package.", "==> Concretized 0 specs"],
            ToolErrorKind.SpackError, "==> Error: Package 'nosuchpkg' not found.", ["==> Error: Package 'nosuchpkg' not found.", "    Use 'spack create' to create a new package."]),
        new("uv: the diagnostic with its cause",
            ["Using CPython 3.12.3", "  × No solution found when resolving dependencies:", "  ╰─▶ Because nosuch was not found in the package registry and you require nosuch, we can conclude that your requirements are unsatisfiable."],
            ToolErrorKind.Diagnostic, "× No solution found when resolving dependencies: Because nosuch was not found in the package registry and you require nosuch, we can conclude that your requirements are unsatisfiable."),
        new("uv: error:", ["error: Failed to fetch: `https://pypi.org/simple/x/`"], ToolErrorKind.Diagnostic, "error: Failed to fetch: `https://pypi.org/simple/x/`"),
        new("Python: a traceback concluded by its exception",
            ["Traceback (most recent call last):", "  File \"/x/setup.py\", line 1, in <module>", "    import nosuch", "ModuleNotFoundError: No module named 'nosuch'", "later output"],
            ToolErrorKind.PythonTraceback, "ModuleNotFoundError: No module named 'nosuch'"),
        new("a post-install script: bash's error line",
            ["installing extras", "/LOCAL_TYKKY/.tykky/build/post_install.sh: line 3: nosuchcommand: command not found"],
            ToolErrorKind.ShellError, "/LOCAL_TYKKY/.tykky/build/post_install.sh: line 3: nosuchcommand: command not found"),
        new("the last report wins: a script's conda install failing after pip warned",
            ["ERROR: pip's dependency resolver does not currently take into account all the packages that are installed.", "", "", "Solving environment: failed", "", .. PackagesNotFound],
            ToolErrorKind.NamedException,
            "PackagesNotFoundError: The following packages are not available from current channels: nosuchpkg-a, nosuchpkg-b, nosuchpkg-c"),
        new("Nothing recognisable: none", ["Solving environment: done", "  File \"x\", line 1", "Killed"], null, null),
        new("No output: none", [], null, null),
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_report_matches_the_row(Case row)
    {
        // Arrange
        var recognizer = new ToolErrorRecognizer();

        // Act
        foreach (var line in row.Output)
        {
            recognizer.Observe(line);
        }

        // Assert
        Assert.Equal(row.Kind, recognizer.Error?.Kind);
        Assert.Equal(row.Summary, recognizer.Error?.Summary);
        if (row.Block is { } block)
        {
            Assert.Equal(block, recognizer.Error!.Lines);
        }
    }

    [Fact]
    public void A_block_is_kept_up_to_its_bound_and_counts_what_is_left_out()
    {
        var recognizer = new ToolErrorRecognizer();

        recognizer.Observe("ResolvePackageNotFound: ");
        for (var i = 0; i < ToolErrorRecognizer.MaxBlockLines + 5; i++)
        {
            recognizer.Observe($"  - nosuchpkg-{i}");
        }

        Assert.Equal(ToolErrorRecognizer.MaxBlockLines, recognizer.Error!.Lines.Count);
        Assert.Equal(6, recognizer.Error.OmittedLines);
    }
}
