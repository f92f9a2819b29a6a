using System.Text;
using Tykky.Builder.Container;
using Tykky.Builder.Tests.Fixtures;
using Tykky.Tests;

namespace Tykky.Builder.Tests;

/// <summary>Reading <c>unsquashfs -d '' -lls</c> output: table rows, then the real tool on real images.</summary>
public class SquashfsListingSpecs
{
    /// <summary>A listing and the entries expected from it, as "path kind mode [-> target]".</summary>
    public sealed record Case(string Name, string Listing, string[] Entries)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases() =>
    [
        new("the root, a directory, a file and a link",
            "drwxr-xr-x root/root               251 2026-11-22 01:39 \n" +
            "drwxr-xr-x root/root               302 2026-11-22 01:39 /bin\n" +
            "-rwxr-xr-x root/root           1982256 2026-11-22 01:39 /bin/busybox\n" +
            "lrwxrwxrwx root/root                 7 2026-11-22 01:39 /bin/sh -> busybox\n",
            ["/ Directory 755", "/bin Directory 755", "/bin/busybox File 755", "/bin/sh Link 777 -> busybox"]),
        // the size column of a link is its target's length: it tells which " -> " separates
        new("names with spaces and arrows",
            "-rw-r--r-- root/root                 0 2026-11-22 02:30 /a b/x -> y\n" +
            "lrwxrwxrwx root/root                 3 2026-11-22 02:30 /l -> k -> t a\n",
            ["/a b/x -> y File 644", "/l -> k Link 777 -> t a"]),
        new("a name holding a newline continues on the next line",
            "-rw-r--r-- root/root                 0 2026-11-22 02:30 /nl\nname\n" +
            "-rw-r--r-- root/root                 0 2026-11-22 02:30 /next\n",
            ["/nl\nname File 644", "/next File 644"]),
        new("devices count as files; setuid, setgid and sticky bits keep their execute bits",
            "crw-r--r-- root/root            1,   3 2026-11-22 02:30 /dev/null\n" +
            "-rwsr-sr-T root/root               100 2026-11-22 02:30 /bin/su\n" +
            "drwxrwxrwt root/root                 3 2026-11-22 02:30 /tmp\n",
            ["/dev/null File 644", "/bin/su File 754", "/tmp Directory 777"]),
        new("names are UTF-8 bytes printed raw",
            Encoding.Latin1.GetString(Encoding.UTF8.GetBytes("-rwxr-xr-x root/root 5 2026-11-22 02:30 /bin/é\n")),
            ["/bin/é File 755"]),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_listing_becomes_entries(Case row)
    {
        var entries = SquashfsListing.Parse(row.Listing);

        Assert.Equal(row.Entries, entries.Select(Describe));
    }

    [Fact]
    public void The_real_unsquashfs_listing_of_busybox_sif_gives_its_tree()
    {
        // Arrange: the SIF's root filesystem is at byte 36864 (Fixtures/busybox.sif)
        var sif = Path.Join(AppContext.BaseDirectory, "Fixtures", "busybox.sif");

        // Act
        var files = new ListedFiles(SquashfsListing.Parse(Unsquashfs("-o", "36864", sif)), _ => null);

        // Assert
        Assert.Equal(new ContainerFile(ContainerFileKind.Link, (UnixFileMode)Convert.ToInt32("777", 8), "busybox"), files.Get("/bin/sh"));
        Assert.True(files.Get("/opt/tools/bin/hello")!.IsExecutableFile);
        Assert.Equal(["bin", "dev", "environment", "etc", "home", "opt", "proc", "root", "singularity", "sys", "tmp", "usr", "var"],
            files.Names("/").Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Awkward_names_survive_the_real_tool()
    {
        // Arrange: a squashfs image made by mksquashfs from a tree with awkward names
        using var scratch = new TempDir("listing");
        scratch.Write("tree/dir with space/a -> b", "x");
        scratch.Write("tree/nl\nname", "x");
        scratch.Write("tree/bin/é", "#!/bin/sh\n", executable: true);
        File.CreateSymbolicLink(scratch["tree/link -> x"], "target with space");
        var image = scratch["image.sqfs"];
        Assert.Equal(0, Tools.Run("mksquashfs", scratch["tree"], image, "-noappend", "-quiet").ExitCode);

        // Act
        var files = new ListedFiles(SquashfsListing.Parse(Unsquashfs(image)), _ => null);

        // Assert
        Assert.Equal(ContainerFileKind.File, files.Get("/dir with space/a -> b")?.Kind);
        Assert.Equal(ContainerFileKind.File, files.Get("/nl\nname")?.Kind);
        Assert.True(files.Get("/bin/é")?.IsExecutableFile);
        Assert.Equal("target with space", files.Get("/link -> x")?.LinkTarget);
    }

    private static string Unsquashfs(params string[] arguments) =>
        Tools.Run(["unsquashfs", "-d", "", "-lls", .. arguments], Encoding.Latin1).Output;

    private static string Describe(KeyValuePair<string, ContainerFile> entry) =>
        $"{entry.Key} {entry.Value.Kind} {Convert.ToString((int)entry.Value.Mode, 8)}{(entry.Value.LinkTarget is { } target ? $" -> {target}" : "")}";
}
