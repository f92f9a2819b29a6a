using Tykky.Builder;
using Tykky.Builder.Packages;

namespace Tykky.Builder.Tests;

/// <summary>The prefix layout of a venv python: the view in the image, the prefix's links and pyvenv.cfg.</summary>
public class VenvPrefixPlanSpecs
{
    private static readonly BasePython Debian = new("3.11", "/usr/lib/python3.11", "/usr",
        ["os.py", "json", "lib-dynload", "site-packages", "dist-packages"],
        ["/usr/local/lib/python3.11/dist-packages", "/usr/lib/python3/dist-packages", "/usr/lib/python3.11/dist-packages"]);

    [Fact]
    public void The_view_links_the_standard_library_and_the_venvs_site_packages()
    {
        var links = VenvPrefixPlan.ViewLinks(Debian, "/LOCAL_TYKKY/env1", systemSitePackages: false);

        Assert.Equal(
        [
            "lib/python3.11/os.py -> /usr/lib/python3.11/os.py",
            "lib/python3.11/json -> /usr/lib/python3.11/json",
            "lib/python3.11/lib-dynload -> /usr/lib/python3.11/lib-dynload",
            "lib/python3.11/site-packages -> /LOCAL_TYKKY/env1/lib/python3.11/site-packages",
        ], links.Select(l => $"{l.Path} -> {l.Target}"));
    }

    [Fact]
    public void With_system_site_packages_the_base_site_directories_under_its_lib_are_linked_too()
    {
        var links = VenvPrefixPlan.ViewLinks(Debian, "/LOCAL_TYKKY/env1", systemSitePackages: true);

        // /usr/local/... is not under the base prefix's lib/: a venv on top reaches it through the base prefix only.
        Assert.Equal(
        [
            "lib/python3/dist-packages -> /usr/lib/python3/dist-packages",
            "lib/python3.11/dist-packages -> /usr/lib/python3.11/dist-packages",
        ], links.Skip(4).Select(l => $"{l.Path} -> {l.Target}"));
    }

    [Fact]
    public void The_venvs_own_site_packages_wins_over_a_base_directory_of_the_same_place()
    {
        var python = Debian with { SiteDirectories = ["/usr/lib/python3.11/site-packages"] };

        var links = VenvPrefixPlan.ViewLinks(python, "/LOCAL_TYKKY/env1", systemSitePackages: true);

        Assert.Equal("/LOCAL_TYKKY/env1/lib/python3.11/site-packages", Assert.Single(links, l => l.Path == "lib/python3.11/site-packages").Target);
    }

    [Fact]
    public void The_prefix_links_lib_into_the_image_and_lib64_to_lib()
    {
        Assert.Equal(["lib -> /LOCAL_TYKKY_x1/.tykky/python/lib", "lib64 -> lib"],
            VenvPrefixPlan.PrefixLinks("/LOCAL_TYKKY_x1").Select(l => $"{l.Path} -> {l.Target}"));
    }

    [Fact]
    public void The_prefix_pyvenv_cfg_has_no_home_and_nothing_about_the_original_venv()
    {
        var venv = "home = /usr/bin\ninclude-system-site-packages = true\nversion = 3.11.2\nexecutable = /usr/bin/python3.11\ncommand = /usr/bin/python3 -m venv /LOCAL_TYKKY/env1\n";

        var prefix = VenvPrefixPlan.PrefixPyvenvConfig(venv);

        var lines = prefix.TrimEnd('\n').Split('\n');
        Assert.StartsWith("#", lines[0]);
        Assert.DoesNotContain('=', lines[0]); // a comment for site.py is any line without '='
        Assert.Equal(["include-system-site-packages = true", "version = 3.11.2"], lines.Skip(1));
    }

    [Fact]
    public void What_the_venvs_python_reports_is_read_from_its_json()
    {
        var json = """{"version": "3.12", "stdlib": "/usr/local/lib/python3.12", "base_prefix": "/usr/local", "entries": ["os.py"], "site": ["/usr/local/lib/python3.12/site-packages"]}""";

        var python = BasePython.Parse(json, "/LOCAL_TYKKY/env1/bin/python");

        Assert.Equal(("3.12", "/usr/local/lib/python3.12", "/usr/local"), (python.Version, python.Stdlib, python.BasePrefix));
        Assert.Equal(["os.py"], python.Entries);
        Assert.Equal(["/usr/local/lib/python3.12/site-packages"], python.SiteDirectories);
    }

    [Fact]
    public void A_report_that_is_not_the_expected_json_is_an_error_naming_the_python()
    {
        var failure = Assert.Throws<BuildException>(() => BasePython.Parse("Traceback ...", "/LOCAL_TYKKY/env1/bin/python"));

        Assert.Contains("Cannot read what /LOCAL_TYKKY/env1/bin/python reported", failure.Message);
    }
}
