using System.Diagnostics;
using Tykky.Launcher.Keeper;

namespace Tykky.Launcher.Tests;

/// <summary>What a writer of the keeper directory that was killed leaves there, and how it is told from what is in use.</summary>
public sealed class KeeperDirectorySpecs
{
    private static int EndedPid()
    {
        using var ended = Process.Start("true")!;
        ended.WaitForExit();
        return ended.Id;
    }

    [Theory]
    [InlineData("0123456789abcdef-0123456789abcdef.keeper")]
    [InlineData("0123456789abcdef-0123456789abcdef.lock")]
    [InlineData("0123456789abcdef-0123456789abcdef.manifest")]
    [InlineData("0123456789abcdef-0123456789abcdef.join")]
    public void Files_under_their_own_names_are_not_leftovers(string name) =>
        Assert.False(KeeperDirectory.IsLeftByEndedWriter(name));

    [Theory]
    [InlineData(".keeper")]
    [InlineData(".manifest")]
    [InlineData(".join")]
    public void A_file_beside_its_name_is_a_leftover_once_its_writer_has_ended(string extension)
    {
        var name = "0123456789abcdef-0123456789abcdef" + extension;

        Assert.True(KeeperDirectory.IsLeftByEndedWriter($"{name}.{EndedPid()}"));
        Assert.False(KeeperDirectory.IsLeftByEndedWriter($"{name}.{Environment.ProcessId}"));
    }
}
