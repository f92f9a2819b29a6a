using Tykky.Builder.Container;
using Tykky.Builder.Platform;
using Tykky.Tests;

namespace Tykky.Builder.Tests;

/// <summary>Telling a container's architecture from its SIF descriptor or its programs' ELF headers, and the refusal of a foreign one.</summary>
public class CpuArchitecturesSpecs
{
    private static readonly string BusyboxSif = Path.Join(AppContext.BaseDirectory, "Fixtures", "busybox.sif");

    /// <summary>The first 20 bytes of an ELF header: class, data encoding, e_type 2 (executable), e_machine.</summary>
    private static byte[] Elf(byte elfClass, byte data, ushort machine) =>
    [
        0x7f, (byte)'E', (byte)'L', (byte)'F', elfClass, data, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        .. data == 1 ? new byte[] { 2, 0, (byte)machine, (byte)(machine >> 8) } : [0, 2, (byte)(machine >> 8), (byte)machine],
    ];

    public sealed record ElfCase(string Name, byte[] Header, string? Expected)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<ElfCase> ElfHeaders() =>
    [
        new("x86-64", Elf(2, 1, 62), "amd64"),
        new("aarch64", Elf(2, 1, 183), "arm64"),
        // ppc64 and ppc64le share e_machine 21: the data encoding tells them apart
        new("ppc64le", Elf(2, 1, 21), "ppc64le"),
        new("big-endian ppc64, not listed", Elf(2, 2, 21), null),
        new("s390x is big-endian", Elf(2, 2, 22), "s390x"),
        new("an unknown machine", Elf(2, 1, 9999), null),
        new("a script", "#!/bin/sh\necho not an ELF file\n"u8.ToArray(), null),
        new("a header cut short", Elf(2, 1, 62)[..18], null),
    ];

    [Theory]
    [MemberData(nameof(ElfHeaders))]
    public void The_ELF_header_names_the_architecture(ElfCase row) =>
        Assert.Equal(row.Expected, CpuArchitectures.FromElfHeader(row.Header)?.Name);

    [Theory]
    [InlineData("02", "amd64")]
    [InlineData("04", "arm64")]
    [InlineData("00", null)] // HdrArchUnknown
    [InlineData("99", null)]
    public void A_SIF_code_names_the_architecture(string code, string? expected) =>
        Assert.Equal(expected, CpuArchitectures.FromSifCode(code)?.Name);

    [Fact]
    public void Miniforge_installers_are_named_after_the_kernels_machine_name()
    {
        Assert.Equal("Linux-x86_64", CpuArchitectures.MiniforgeName(Arch("amd64")));
        Assert.Equal("Linux-aarch64", CpuArchitectures.MiniforgeName(Arch("arm64")));
    }

    [Fact]
    public void The_SIF_written_by_Apptainer_on_amd64_says_amd64()
    {
        var image = ContainerImageProbe.Probe(BusyboxSif);

        var found = ContainerArchitecture.Find(image, () => throw new InvalidOperationException("a SIF's code needs no listing"));

        Assert.Equal(("amd64", "its SIF root filesystem is marked amd64"), (found?.Architecture.Name, found?.Evidence));
    }

    [Fact]
    public void A_SIF_marked_arm64_says_arm64()
    {
        // Arrange: busybox.sif with its root filesystem descriptor's arch (extra + 8) set to "04"
        using var scratch = new TempDir("arch");
        var bytes = File.ReadAllBytes(BusyboxSif);
        "04"u8.CopyTo(bytes.AsSpan(4096 + (2 * SifReader.DescriptorSize) + 201 + 8));
        File.WriteAllBytes(scratch["arm64.sif"], bytes);

        // Act
        var found = ContainerArchitecture.Find(ContainerImageProbe.Probe(scratch["arm64.sif"]), () => throw new InvalidOperationException("no listing"));

        // Assert
        Assert.Equal("arm64", found?.Architecture.Name);
    }

    [Fact]
    public void A_sandbox_directorys_architecture_is_that_of_bin_sh_links_followed()
    {
        // Arrange: /bin -> usr/bin, sh -> busybox, an aarch64 busybox
        using var root = new TempDir("arch");
        Directory.CreateDirectory(root["usr/bin"]);
        File.CreateSymbolicLink(root["bin"], "usr/bin");
        File.WriteAllBytes(root["usr/bin/busybox"], [.. Elf(2, 1, 183), .. new byte[100]]);
        File.CreateSymbolicLink(root["usr/bin/sh"], "busybox");
        var image = ContainerImageProbe.Probe(root.Path);

        // Act
        var found = ContainerArchitecture.Find(image, () => MappedHostFiles.UnderRoot(root.Path));

        // Assert
        Assert.Equal(("arm64", "/bin/sh is an aarch64 program"), (found?.Architecture.Name, found?.Evidence));
    }

    [Fact]
    public void A_root_whose_programs_are_scripts_tells_nothing()
    {
        using var root = new TempDir("arch");
        Directory.CreateDirectory(root["bin"]);
        File.WriteAllText(root["bin/sh"], "#!/somewhere/else\n");

        Assert.Null(ContainerArchitecture.Find(ContainerImageProbe.Probe(root.Path), () => MappedHostFiles.UnderRoot(root.Path)));
    }

    [Fact]
    public void A_container_of_another_architecture_is_refused_with_the_evidence_and_the_fix()
    {
        var message = ContainerArchitecture.Mismatch("/c/img.sif", (Arch("arm64"), "its SIF root filesystem is marked arm64"), Arch("amd64"));

        Assert.Equal("Container '/c/img.sif' is for arm64 (its SIF root filesystem is marked arm64) and this host is amd64; give an image built for amd64 (apptainer pull --arch amd64 ...), or build on arm64 hardware", message);
        Assert.Null(ContainerArchitecture.Mismatch("/c/img.sif", (Arch("amd64"), "x"), Arch("amd64")));
        Assert.Null(ContainerArchitecture.Mismatch("/c/img.sif", null, Arch("amd64")));
    }

    private static CpuArchitecture Arch(string name) => CpuArchitectures.Known.Single(a => a.Name == name);
}
