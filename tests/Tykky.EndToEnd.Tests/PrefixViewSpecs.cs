using Tykky.EndToEnd.Tests.Infrastructure;

namespace Tykky.EndToEnd.Tests;

/// <summary>
/// Inside a bubblewrap sandbox the prefix is a view (Planning/PrefixView): its own entries, with
/// <c>bin</c> the real programs and <c>current</c> the launch's generation, so that a program's walk
/// of its own path costs no walk through the prefix's links. The keeper's namespace (an unprivileged
/// user's launch) and the per-launch sandbox (root's) show the same view.
/// </summary>
[Collection(SharedMountInstallationCollection.Name)]
public sealed class PrefixViewSpecs(SharedMountInstallation installation)
{
    public static TheoryData<string, bool> Users() => new() { { "an unprivileged user, joining the keeper", true }, { "root, in its own sandbox", false } };

    private RunResult Probe(bool asUser, params string[] arguments) =>
        Run.Command([installation.Wrapper("probe"), .. arguments], new RunOptions { User = asUser ? Host.UnprivilegedUser : null });

    [Theory]
    [MemberData(nameof(Users))]
    public void Inside_the_prefix_lists_its_host_entries_with_bin_the_programs_and_current_the_generation(string who, bool asUser)
    {
        // Arrange: a file and a link of the user's own in the prefix, there before the keeper starts
        installation.StopKeepers();
        var notes = Path.Join(installation.Prefix, "notes.txt");
        File.WriteAllText(notes, "the user's own file\n");
        var ownLink = Path.Join(installation.Prefix, "latest");
        File.CreateSymbolicLink(ownLink, "notes.txt");
        try
        {
            var outside = Run.Command([installation.Wrapper("probe"), "list", installation.Prefix], new RunOptions());

            // Act
            var listing = Probe(asUser, "list", installation.Prefix);
            var generation = Path.GetDirectoryName(new FileInfo(Path.Join(installation.Prefix, "bin")).LinkTarget); // the switch: generations/N/bin
            var links = Probe(asUser, "readlink", Path.Join(installation.Prefix, "bin"), Path.Join(installation.Prefix, "bin", "probe"), Path.Join(installation.Prefix, "current"), Path.Join(installation.Prefix, "share"),
                Path.Join(installation.Prefix, generation, "bin", "probe"), Path.Join(installation.Prefix, "bin", "_debug_exec"), ownLink);
            var programs = Probe(asUser, "list", Path.Join(installation.Prefix, "bin"));
            var shared = Probe(asUser, "list", Path.Join(installation.Prefix, "share"));

            // Assert
            Assert.True(listing.ExitCode == 0, $"{who}: {listing}");
            Assert.Equal(string.Join('\n', Directory.EnumerateFileSystemEntries(installation.Prefix).Select(Path.GetFileName).Order(StringComparer.Ordinal)) + "\n", listing.Out);
            Assert.Equal(outside.Out, listing.Out);
            // bin is a directory inside with the links of the generation's _bin, not the host's link to generations/N/bin, and current leads to the generation itself; the generation's bin shows its _bin;
            // the deploy's links (share) are made as the layout has them, the user's own as read
            Assert.Equal($"error: Invalid argument\n/LOCAL_TYKKY/bin/probe\n{generation}\ncurrent/share\n/LOCAL_TYKKY/bin/probe\n../tykky-launcher\nnotes.txt\n", links.Out);
            Assert.Equal(string.Join('\n', Directory.EnumerateFileSystemEntries(Path.Join(installation.Prefix, generation, "_bin")).Select(Path.GetFileName).Order(StringComparer.Ordinal)) + "\n", programs.Out);
            Assert.Equal(Run.Command([installation.Wrapper("probe"), "list", Path.Join(installation.Prefix, "share")], new RunOptions()).Out, shared.Out);
        }
        finally
        {
            File.Delete(notes);
            File.Delete(ownLink);
            installation.StopKeepers();
        }
    }

    [Theory]
    [MemberData(nameof(Users))]
    public void The_prefix_itself_is_read_only_inside_and_its_directories_are_the_hosts(string who, bool asUser)
    {
        var created = Probe(asUser, "write", Path.Join(installation.Prefix, "new-file"));
        var inGeneration = Probe(asUser, "write", Path.Join(installation.Prefix, "current", "share", "written-inside"));

        try
        {
            Assert.Equal("Read-only file system\n", created.Out);
            Assert.False(File.Exists(Path.Join(installation.Prefix, "new-file")), who);
            // as on the host: root may write there, the user may not
            Assert.Equal(asUser ? "Permission denied\n" : "written\n", inGeneration.Out);
        }
        finally
        {
            File.Delete(Path.Join(installation.Prefix, "current", "share", "written-inside"));
        }
    }

    [Fact]
    public void A_prefix_the_user_may_enter_but_not_list_stays_the_hosts_and_its_files_reachable_by_name()
    {
        // Arrange: support staff's installation, 0711
        installation.StopKeepers();
        var mode = File.GetUnixFileMode(installation.Prefix);
        File.SetUnixFileMode(installation.Prefix, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        try
        {
            // Act
            var generation = Path.GetDirectoryName(new FileInfo(Path.Join(installation.Prefix, "bin")).LinkTarget); // the switch: generations/N/bin
            var links = Probe(true, "readlink", Path.Join(installation.Prefix, "bin"), Path.Join(installation.Prefix, "tykky.json"), Path.Join(installation.Prefix, generation, "bin", "probe"));

            // Assert: bin is the host's link, so no view was set up; the generation's bin still shows the real programs
            Assert.Equal($"{generation}/bin\ncurrent/tykky.json\n/LOCAL_TYKKY/bin/probe\n", links.Out);
        }
        finally
        {
            File.SetUnixFileMode(installation.Prefix, mode);
            installation.StopKeepers();
        }
    }
}
