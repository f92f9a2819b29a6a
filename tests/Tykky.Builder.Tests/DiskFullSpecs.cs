using Tykky.Builder.Steps;

namespace Tykky.Builder.Tests;

/// <summary>The one line of a full disk or quota, wherever a build meets it.</summary>
public class DiskFullSpecs
{
    [Fact]
    public void ENOSPC_and_EDQUOT_are_a_full_disk_other_errors_are_not()
    {
        Assert.True(DiskFull.Is(new IOException("x", 28)));
        Assert.True(DiskFull.Is(new IOException("x", 122)));
        Assert.False(DiskFull.Is(new IOException("x", 13)));
    }

    [Fact]
    public void A_full_build_base_names_the_file_and_the_setting_that_moves_it()
    {
        var message = DiskFull.Message(new IOException("No space left on device : '/scratch/b/cw-Ab12Cd/build.log'", 28), "Creating the squashfs image", "/scratch/b", "/proj/env");

        Assert.Equal("No space left on device while creating the squashfs image (No space left on device : '/scratch/b/cw-Ab12Cd/build.log'); " +
            "free space in the build directory base /scratch/b or choose another (CW_BUILD_TMPDIR or build_tmpdir_base); nothing was installed", message);
    }

    [Fact]
    public void A_full_prefix_names_the_prefix()
    {
        var message = DiskFull.Message(new IOException("Disk quota exceeded : '/proj/env/generations/.staging-1/tykky-launcher'", 122), "Writing the manifest", "/scratch/b", "/proj/env");

        Assert.StartsWith("Disk quota exceeded while writing the manifest (", message, StringComparison.Ordinal);
        Assert.Contains("; free space in /proj/env or choose another --prefix; nothing was installed", message);
    }
}
