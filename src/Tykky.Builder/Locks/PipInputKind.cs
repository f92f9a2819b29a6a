namespace Tykky.Builder.Locks;

/// <summary>What a pip-containerize input file is, which decides how it is installed.</summary>
public enum PipInputKind
{
    /// <summary>A requirements file: pip install -r.</summary>
    Requirements,

    /// <summary>A requirements file with --hash entries: pip install --require-hashes -r (every package pinned and hashed).</summary>
    HashedRequirements,

    /// <summary>A PEP 751 lock file (pylock.toml, pylock.NAME.toml): pip 26.1+ or uv 0.6.15+ install it.</summary>
    Pylock,
}
