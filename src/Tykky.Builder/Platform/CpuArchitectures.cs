using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Tykky.Builder.Platform;

/// <summary>
/// The architectures Linux and .NET run on, and how to tell them from a SIF descriptor or an ELF
/// header. The build host's is the one the builder runs on: images, Miniforge and the programs wrapped
/// must be for it.
/// </summary>
public static class CpuArchitectures
{
    /// <summary>Linux on every architecture .NET supports there (sylabs/sif arch.go codes; elf.h EM_* values).</summary>
    public static readonly IReadOnlyList<CpuArchitecture> Known =
    [
        new("386", Architecture.X86, "01", 3, true, "i686"),
        new("amd64", Architecture.X64, "02", 62, true, "x86_64"),
        new("arm", Architecture.Arm, "03", 40, true, "armv7l"),
        new("arm64", Architecture.Arm64, "04", 183, true, "aarch64"),
        new("ppc64le", Architecture.Ppc64le, "06", 21, true, "ppc64le"),
        new("s390x", Architecture.S390x, "11", 22, false, "s390x"),
        new("riscv64", Architecture.RiscV64, null, 243, true, "riscv64"),
        new("loong64", Architecture.LoongArch64, null, 258, true, "loongarch64"),
    ];

    /// <summary>Bytes of an ELF header needed to read its class, data encoding and machine.</summary>
    public const int ElfHeaderBytes = 20;

    /// <summary>The architecture of the host the builder runs on.</summary>
    public static CpuArchitecture Host { get; } = Known.Single(a => a.DotNet == RuntimeInformation.OSArchitecture);

    /// <summary>The architecture of a SIF code ("02"), or null for "00" (unknown) and codes not listed.</summary>
    public static CpuArchitecture? FromSifCode(string code) => Known.FirstOrDefault(a => a.SifCode == code);

    /// <summary>The architecture an ELF file is for, from its first bytes; null when they are not an ELF header or name another machine.</summary>
    public static CpuArchitecture? FromElfHeader(ReadOnlySpan<byte> start)
    {
        // e_ident: 7f 'E' 'L' 'F', class, data (1 little, 2 big endian), ...; e_machine at 18
        if (start.Length < ElfHeaderBytes || !start.StartsWith("\u007fELF"u8) || start[5] is not (1 or 2))
        {
            return null;
        }
        var littleEndian = start[5] == 1;
        var machine = littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(start[18..]) : BinaryPrimitives.ReadUInt16BigEndian(start[18..]);
        return Known.FirstOrDefault(a => a.ElfMachine == machine && a.ElfLittleEndian == littleEndian);
    }

    /// <summary>The architecture part of Miniforge's installer names (Miniforge3-Linux-aarch64.sh): the kernel's name, as its install instructions use <c>uname -m</c>.</summary>
    public static string MiniforgeName(CpuArchitecture architecture) => $"Linux-{architecture.Machine}";
}
