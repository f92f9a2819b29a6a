using System.Text;
using Tykky.Launcher.Keeper;
using Tykky.Launcher.Manifest;
using Tykky.Tests;

namespace Tykky.Launcher.Tests;

/// <summary>The local copies of a generation's manifest and joiner in the user's keeper directory: their names, who may read them, how they go.</summary>
public sealed class LocalCopiesSpecs : IDisposable
{
    private readonly TempDir _scratch = new("copies");

    private string KeeperDirectory => _scratch["keepers"];

    public LocalCopiesSpecs()
    {
        Directory.CreateDirectory(KeeperDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Copies_are_named_after_the_generation_and_the_running_launcher_file_in_the_keeper_directory()
    {
        var copies = LocalCopies.For("/p/generations/1", KeeperDirectory)!;
        var again = LocalCopies.For("/p/generations/1", KeeperDirectory)!;
        var other = LocalCopies.For("/p/generations/2", KeeperDirectory)!;

        Assert.Equal(again, copies);
        Assert.Matches($"^{KeeperDirectory}/[0-9a-f]{{16}}-[0-9a-f]{{16}}\\.manifest$", copies.Manifest);
        Assert.Equal(copies.Manifest[..^".manifest".Length] + ".join", copies.Joiner);
        Assert.NotEqual(copies.Manifest.Split('/')[^1].Split('-')[0], other.Manifest.Split('/')[^1].Split('-')[0]);
        Assert.Equal(copies.Manifest.Split('-')[^1], other.Manifest.Split('-')[^1]);
    }

    [Fact]
    public void Written_copies_are_read_back_and_the_joiners_is_executable_by_the_user_alone()
    {
        var joiner = _scratch.Write("generation/tykky-join", "#!/bin/sh\nexit 0\n", executable: true);
        var copies = LocalCopies.For("/p/generations/1", KeeperDirectory)! with { ManifestToWrite = Encoding.UTF8.GetBytes("{\"schemaVersion\":1}") };

        var written = copies.Write(joiner);

        Assert.True(written);
        Assert.Equal("{\"schemaVersion\":1}", Encoding.UTF8.GetString(copies.ReadManifest()!));
        Assert.Equal(File.ReadAllText(joiner), File.ReadAllText(copies.Joiner));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(copies.Joiner));
        Assert.Equal([Path.GetFileName(copies.Joiner), Path.GetFileName(copies.Manifest)], Directory.GetFiles(KeeperDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Copies_another_launch_wrote_meanwhile_are_kept()
    {
        var joiner = _scratch.Write("generation/tykky-join", "first", executable: true);
        var first = LocalCopies.For("/p/generations/1", KeeperDirectory)! with { ManifestToWrite = Encoding.UTF8.GetBytes("1") };
        Assert.True(first.Write(joiner));
        File.WriteAllText(joiner, "second");

        var second = (first with { ManifestToWrite = Encoding.UTF8.GetBytes("2") }).Write(joiner);

        Assert.True(second);
        Assert.Equal(("1", "first"), (File.ReadAllText(first.Manifest), File.ReadAllText(first.Joiner)));
    }

    [Fact]
    public void Without_the_joiner_nothing_is_written()
    {
        var copies = LocalCopies.For("/p/generations/1", KeeperDirectory)! with { ManifestToWrite = [1] };

        Assert.False(copies.Write(_scratch["generation/missing"]));
        Assert.Empty(Directory.GetFiles(KeeperDirectory));
        Assert.Null(copies.ReadManifest());
    }

    [Fact]
    public void A_keeper_directory_that_others_may_enter_is_not_read()
    {
        var copies = LocalCopies.For("/p/generations/1", KeeperDirectory)! with { ManifestToWrite = [(byte)'{', (byte)'}'] };
        Assert.True(copies.Write(_scratch.Write("generation/tykky-join", "x", executable: true)));

        File.SetUnixFileMode(KeeperDirectory, (UnixFileMode)Convert.ToInt32("755", 8));

        Assert.Null(copies.ReadManifest());
    }

    [Fact]
    public void Copies_of_generations_no_live_keeper_serves_go()
    {
        var joiner = _scratch.Write("generation/tykky-join", "x", executable: true);
        var served = LocalCopies.For("/p/generations/2", KeeperDirectory)! with { ManifestToWrite = [1] };
        var unserved = LocalCopies.For("/p/generations/1", KeeperDirectory)! with { ManifestToWrite = [1] };
        Assert.True(served.Write(joiner) && unserved.Write(joiner));
        var beingWritten = served.Joiner + "." + Environment.ProcessId;
        File.WriteAllBytes(beingWritten, [1]);
        var record = _scratch.Write("keepers/x-y.keeper", "1 2 /p/generations/2\n");

        LocalCopies.RemoveUnserved(KeeperDirectory, Directory.GetFiles(KeeperDirectory).Select(Path.GetFileName).OfType<string>(), [new KeeperRecord(1, "2", "/p/generations/2")]);

        Assert.Equal(
            new[] { served.Joiner, beingWritten, served.Manifest, record }.Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Directory.GetFiles(KeeperDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
