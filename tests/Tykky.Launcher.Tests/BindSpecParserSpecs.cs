using Tykky.Launcher.Planning;

namespace Tykky.Launcher.Tests;

/// <summary>Apptainer-style bind lists (CW_EXTRA_BIND_MOUNTS): <c>src[:dst[:opt,opt]]</c>, comma-separated.</summary>
public class BindSpecParserSpecs
{
    /// <summary>A list and the specs it gives, each written "source -> destination [options] flags".</summary>
    public sealed record Case(string Name, string? List, params string[] Expected)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Rows() =>
    [
        new("An unset list gives no binds", null),
        new("An empty list gives no binds", ""),
        new("Only commas and spaces give no binds", " , ,, "),
        new("A source alone is bound at the same path", "/data", "/data -> /data []"),
        new("src:dst binds the source at the destination", "/data:/mnt", "/data -> /mnt []"),
        new("src:dst:ro is read-only", "/data:/mnt:ro", "/data -> /mnt [ro] read-only"),
        new("src::ro (empty destination) binds at the source path", "/data::ro", "/data -> /data [ro] read-only"),
        new("rw is an option but not read-only", "/data:/mnt:rw", "/data -> /mnt [rw]"),
        new("An image entry with image-src is an image", "/p/img.sqfs:/X:image-src=/", "/p/img.sqfs -> /X [image-src=/] image"),
        // The comma before "ro" continues the options of the previous entry, as apptainer reads it.
        new("Options after a comma continue the previous entry", "/p/img.sqfs:/X:image-src=/,ro", "/p/img.sqfs -> /X [image-src=/,ro] image read-only"),
        new("id= continues the previous entry's options too", "/p/img.sif:/X:image-src=/,id=4,ro", "/p/img.sif -> /X [image-src=/,id=4,ro] image read-only"),
        new("Options in the third field split on commas are all kept", "/a:/b:ro", "/a -> /b [ro] read-only"),
        new("A path after options starts a new entry", "/p/img.sqfs:/X:image-src=/,ro,/data", "/p/img.sqfs -> /X [image-src=/,ro] image read-only", "/data -> /data []"),
        // Without options on the previous entry a bare "ro" is a path, not an option.
        new("A bare ro after an entry without options is its own entry", "/data,ro", "/data -> /data []", "ro -> ro []"),
        new("Several entries keep their order", "/a,/b:/B,/c:/C:ro", "/a -> /a []", "/b -> /B []", "/c -> /C [ro] read-only"),
        new("Empty entries between commas are skipped", "/a,,/b,", "/a -> /a []", "/b -> /b []"),
        new("Spaces around entries are trimmed", "  /a:/A ,  /b  ", "/a -> /A []", "/b -> /b []"),
        new("Spaces inside a path are kept", "/my data:/in side", "/my data -> /in side []"),
        new("A fourth colon stays in the options", "/a:/b:ro:x", "/a -> /b [ro:x]"),
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Parse_matches_the_row(Case row)
    {
        var specs = BindSpecParser.Parse(row.List);

        Assert.Equal(row.Expected, specs.Select(Describe));
    }

    [Fact]
    public void A_spec_prints_in_list_syntax()
    {
        // Arrange
        var specs = BindSpecParser.Parse("/a,/p/img.sqfs:/X:image-src=/,ro");

        // Act
        var printed = specs.Select(s => s.ToString());

        // Assert
        Assert.Equal(["/a:/a", "/p/img.sqfs:/X:image-src=/,ro"], printed);
    }

    private static string Describe(BindSpec spec)
    {
        var flags = (spec.IsImage ? " image" : "") + (spec.IsReadOnly ? " read-only" : "");
        return $"{spec.Source} -> {spec.Destination} [{string.Join(',', spec.Options)}]{flags}";
    }
}
