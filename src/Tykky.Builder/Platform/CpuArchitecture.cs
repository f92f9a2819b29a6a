using System.Runtime.InteropServices;

namespace Tykky.Builder.Platform;

/// <summary>A processor architecture as each format Tykky reads names it.</summary>
/// <param name="Name">Debian's (and Go's, and apptainer's <c>--arch</c>) name: amd64, arm64; used in messages.</param>
/// <param name="DotNet">.NET's name, what <see cref="RuntimeInformation.OSArchitecture"/> reports.</param>
/// <param name="SifCode">The code in a SIF header and partition descriptor (sylabs/sif pkg/sif arch.go), or null when SIF has none.</param>
/// <param name="ElfMachine">The ELF header's e_machine.</param>
/// <param name="ElfLittleEndian">The ELF header's data encoding (ppc64 and ppc64le share e_machine).</param>
/// <param name="Machine">The kernel's name (<c>uname -m</c>), which Miniforge's installer names use: x86_64, aarch64.</param>
public sealed record CpuArchitecture(string Name, Architecture DotNet, string? SifCode, ushort ElfMachine, bool ElfLittleEndian, string Machine);
