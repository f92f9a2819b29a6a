using System.CommandLine;

namespace Tykky.Builder.Commands;

/// <summary>The package file an update installs (its -r option): pip requirements, or a Spack environment file.</summary>
/// <param name="Option">The option that gives it.</param>
/// <param name="Key">The configuration key it sets.</param>
/// <param name="What">What it is, for messages ("Requirements file").</param>
/// <param name="Fix">What to do when it does not exist.</param>
/// <param name="WithNoCache">The update also takes --nocache (pip and uv may run).</param>
/// <param name="Installs">What an update installs from it, for the help ("pip requirements").</param>
public sealed record PackageInput(Option<string> Option, string Key, string What, string Fix, bool WithNoCache, string Installs);
