using Tykky.Builder.Processes;

namespace Tykky.Builder.Tests;

/// <summary>The line of a failed package manager's output that goes into the one error line.</summary>
public class ErrorSummarySpecs
{
    public sealed record Case(string Name, string[] Output, string? Expected)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Rows() =>
    [
        new("pip: the last ERROR line, its conclusion",
            ["Looking in links: /w", "ERROR: Could not find a version that satisfies the requirement nosuch (from versions: none)", "ERROR: No matching distribution found for nosuch"],
            "ERROR: No matching distribution found for nosuch"),
        new("conda: the named exception",
            ["Solving environment: failed", "", "PackagesNotFoundError: The following packages are not available from current channels:", "", "  - nosuch"],
            "PackagesNotFoundError: The following packages are not available from current channels:"),
        new("conda: ResolvePackageNotFound", ["ResolvePackageNotFound:", "  - python=2.1"], "ResolvePackageNotFound:"),
        new("mamba: LibMambaUnsatisfiableError", ["error    libmamba Could not solve for environment specs", "LibMambaUnsatisfiableError: Encountered problems while solving:"],
            "LibMambaUnsatisfiableError: Encountered problems while solving:"),
        new("uv: error:", ["  × No solution found when resolving dependencies:", "error: Failed to fetch: `https://pypi.org/simple/x/`"], "error: Failed to fetch: `https://pypi.org/simple/x/`"),
        new("Spack: the first ==> Error line, not the fail-fast conclusion",
            ["==> Installing needs-network-1.0-abc [1/1]", "==> Error: Failed to install needs-network due to FetchError: All fetchers failed for spack-stage-needs-network-1.0-abc",
                "==> Error: Terminating after first install failure: All fetchers failed for spack-stage-needs-network-1.0-abc"],
            "==> Error: Failed to install needs-network due to FetchError: All fetchers failed for spack-stage-needs-network-1.0-abc"),
        new("Spack: an unknown package", ["==> Error: Package 'nosuchpkg' not found.", "    Use 'spack create' to create a new package."], "==> Error: Package 'nosuchpkg' not found."),
        new("Nothing recognisable: none", ["Traceback (most recent call last):", "  File \"x\", line 1"], null),
        new("No output: none", [], null),
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Find_matches_the_row(Case row) => Assert.Equal(row.Expected, ErrorSummary.Find(row.Output));
}
