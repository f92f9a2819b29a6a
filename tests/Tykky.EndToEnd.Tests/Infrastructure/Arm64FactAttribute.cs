namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>A fact about the arm64 tool tree; skipped with the reason when it, qemu or the cross compiler is missing.</summary>
public sealed class Arm64FactAttribute : FactAttribute
{
    /// <summary>Skips when something the arm64 specs need is missing.</summary>
    public Arm64FactAttribute()
    {
        if (!File.Exists(Arm64ToolTree.Bin("tykky")))
        {
            Skip = $"no arm64 tool tree in {Arm64ToolTree.Root}: run ./build.sh --arch both (./test.sh does)";
            return;
        }
        var missing = new[] { Arm64ToolTree.Qemu, Arm64ToolTree.CrossCompiler }.Where(p => !File.Exists(p)).ToArray();
        if (missing.Length > 0)
        {
            Skip = $"{string.Join(", ", missing)} not installed (./test.sh installs qemu-user-static and gcc-aarch64-linux-gnu)";
        }
    }
}
