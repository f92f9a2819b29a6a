using System.Runtime.InteropServices;

namespace Tykky.Builder.Locks;

/// <summary>conda's name for a platform (<c>linux-64</c>): what lock files and explicit specs are made for.</summary>
public static class CondaPlatform
{
    /// <summary>The platform of the build host: environments are created here, for this machine's architecture.</summary>
    public static string OfHost => Of(RuntimeInformation.OSArchitecture);

    /// <summary>conda's subdirectory name for Linux on <paramref name="architecture"/>.</summary>
    public static string Of(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "linux-64",
        Architecture.Arm64 => "linux-aarch64",
        Architecture.Ppc64le => "linux-ppc64le",
        Architecture.S390x => "linux-s390x",
        Architecture.X86 => "linux-32",
        Architecture.Arm => "linux-armv7l",
        _ => $"linux-{architecture.ToString().ToLowerInvariant()}",
    };
}
