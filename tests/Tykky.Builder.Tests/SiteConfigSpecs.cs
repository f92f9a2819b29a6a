using Tykky.Builder.Config;
using static Tykky.Builder.Tests.Fixtures.Configs;

namespace Tykky.Builder.Tests;

/// <summary>A site config's four sections.</summary>
public class SiteConfigSpecs
{
    [Fact]
    public void The_four_sections_are_split_and_missing_ones_are_empty()
    {
        // Arrange
        var root = Yaml("defaults: {a: 1}\nforce:\n  b: 2\nappends:\n", "site.yaml");

        // Act
        var site = SiteConfig.From(root, "site.yaml");

        // Assert
        Assert.Equal("a: 1", Render(site.Defaults));
        Assert.Equal("b: 2", Render(site.Force));
        Assert.Empty(site.Prepends.Entries);
        Assert.Empty(site.Appends.Entries);
        Assert.Equal("site.yaml", site.Path);
    }

    [Fact]
    public void An_unknown_section_is_an_error_naming_it_and_the_sections()
    {
        // Arrange
        var root = Yaml("defaults: {a: 1}\ndefault: {b: 2}\n", "/etc/tykky/site.yaml");

        // Act
        var failure = Assert.Throws<BuildException>(() => SiteConfig.From(root, "/etc/tykky/site.yaml"));

        // Assert
        Assert.Equal("Site config '/etc/tykky/site.yaml:2': unknown section 'default'; the sections are defaults, force, prepends, appends", failure.Message);
    }

    [Fact]
    public void A_section_that_is_not_a_mapping_is_an_error()
    {
        // Arrange
        var root = Yaml("defaults: {a: 1}\nforce: [a, b]\n", "site.yaml");

        // Act
        var failure = Assert.Throws<BuildException>(() => SiteConfig.From(root, "site.yaml"));

        // Assert
        Assert.Equal("Site config 'site.yaml:2': section 'force' must be a mapping of keys to values", failure.Message);
    }

    [Fact]
    public void Every_shipped_site_config_loads()
    {
        // Arrange
        var configs = Directory.GetFiles(Path.Join(RepositoryRoot(), "configs"), "*.yaml");

        // Act
        var sites = configs.Select(SiteConfig.Load).ToArray();

        // Assert
        Assert.NotEmpty(sites);
        Assert.All(sites, site => Assert.NotNull(site.Defaults.Get("installation_path")));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Join(directory.FullName, "configs")) && Directory.Exists(Path.Join(directory.FullName, "src")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no repository root above {AppContext.BaseDirectory}");
    }
}
