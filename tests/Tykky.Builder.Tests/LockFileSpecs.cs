using Tykky.Builder.Locks;
using Tykky.Builder.Modules;
using Tykky.Tests;

namespace Tykky.Builder.Tests;

/// <summary>Lock files in and out, the pure parts: conda-lock files, explicit specs, pip input kinds, the recorded pip lock, pip's command lines.</summary>
public sealed class LockFileSpecs : IDisposable
{
    private readonly TempDir _directory = new("locks");

    public void Dispose() => _directory.Dispose();

    private const string Lock = """
        version: 1
        metadata:
          platforms: [linux-64, osx-arm64]
        package:
        - {name: python, version: 3.12.1, manager: conda, platform: linux-64, url: "https://c/conda-forge/linux-64/python-3.12.1-h_0.conda", hash: {md5: m1, sha256: s1}}
        - {name: python, version: 3.12.1, manager: conda, platform: osx-arm64, url: "https://c/conda-forge/osx-arm64/python-3.12.1-h_0.conda", hash: {md5: m2, sha256: s2}}
        - {name: tzdata, version: 2024a, manager: conda, platform: linux-64, url: "https://c/conda-forge/noarch/tzdata-2024a-0.conda", hash: {sha256: s3}}
        - {name: requests, version: 2.31.0, manager: pip, platform: linux-64, url: "https://p/requests-2.31.0-py3-none-any.whl", hash: {sha256: s4}}
        """;

    [Fact]
    public void A_conda_lock_file_gives_an_explicit_spec_and_hashed_requirements_for_one_platform()
    {
        var path = _directory.Write("conda-lock.yml", Lock);

        var lockFile = CondaLockFile.Read(path, "linux-64");

        Assert.True(CondaLockFile.Is(path));
        Assert.EndsWith("# platform: linux-64\n@EXPLICIT\nhttps://c/conda-forge/linux-64/python-3.12.1-h_0.conda#m1\nhttps://c/conda-forge/noarch/tzdata-2024a-0.conda#sha256:s3\n",
            lockFile.ExplicitSpec("linux-64"));
        Assert.Equal("requests==2.31.0 --hash=sha256:s4\n", lockFile.PipRequirements("linux-64"));
        Assert.Null(lockFile.PipRequirements("osx-arm64"));
    }

    [Fact]
    public void A_conda_lock_file_without_the_hosts_platform_or_with_an_unhashed_package_is_refused()
    {
        var path = _directory.Write("conda-lock.yml", Lock);
        var unhashed = _directory.Write("unhashed/conda-lock.yml", Lock.Replace("hash: {sha256: s3}", "hash: {}"));

        Assert.Contains("locks linux-64, osx-arm64, not this build host's linux-aarch64; lock it for linux-aarch64 too", Assert.Throws<BuildException>(() => CondaLockFile.Read(path, "linux-aarch64")).Message);
        Assert.Contains("package tzdata 2024a (linux-64) has no hash", Assert.Throws<BuildException>(() => CondaLockFile.Read(unhashed, "linux-64")).Message);
        Assert.False(CondaLockFile.Is(_directory.Write("env.yml", "name: x\ndependencies: [python]\n")));
    }

    [Theory]
    [InlineData("# platform: linux-64\n@EXPLICIT\nhttps://c/conda-forge/linux-64/a-1-0.conda#0\nhttps://c/conda-forge/noarch/b-1-0.conda\n", null)]
    [InlineData("# platform: linux-aarch64\n@EXPLICIT\n", "it is for linux-aarch64 (its '# platform:' line), not this build host's linux-64")]
    // no header: the URLs' subdirectories tell
    [InlineData("@EXPLICIT\nhttps://c/conda-forge/osx-64/a-1-0.conda#0\n", "it holds packages for osx-64, not this build host's linux-64")]
    public void An_explicit_spec_must_be_for_the_hosts_platform(string spec, string? mismatch) =>
        Assert.Equal(mismatch, ExplicitSpec.PlatformMismatch(spec, "linux-64"));

    [Theory]
    [InlineData("requirements.txt", "numpy==1.26\n", PipInputKind.Requirements)]
    [InlineData("requirements.txt", "numpy==1.26 \\\n    --hash=sha256:00\n", PipInputKind.HashedRequirements)]
    [InlineData("locked.txt", "numpy==1.26 --hash sha256:00\n", PipInputKind.HashedRequirements)]
    [InlineData("pylock.toml", "lock-version = \"1.0\"\n", PipInputKind.Pylock)]
    [InlineData("pylock.dev.toml", "", PipInputKind.Pylock)]
    // PEP 751: only pylock.toml and pylock.NAME.toml are lock files
    [InlineData("pylock.a.b.toml", "", PipInputKind.Requirements)]
    public void A_pip_input_is_a_requirements_file_a_hashed_one_or_a_pylock_toml(string name, string text, PipInputKind kind) =>
        Assert.Equal(kind, PipInput.KindOf($"/in/{name}", text));

    [Theory]
    [InlineData("pip 23.0.1 from /usr/lib/python3/dist-packages/pip (python 3.11)", "23.0.1")]
    [InlineData("uv 0.7.2 (481d05d8d 2025-04-30)", "0.7.2")]
    [InlineData("pip 26.1 from /x (python 3.13)", "26.1")]
    [InlineData("garbage", null)]
    public void The_version_of_pip_or_uv_is_read_from_its_version_line(string line, string? version) =>
        Assert.Equal(version is null ? null : Version.Parse(version), PipInput.VersionIn(line));

    [Fact]
    public void The_pip_lock_hashes_every_frozen_pin_it_has_a_report_for_and_says_which_it_has_not()
    {
        var report = """{"version": "1", "install": [{"download_info": {"url": "file:///w/a.whl", "archive_info": {"hash": "sha256=aa"}}, "metadata": {"name": "Tykky_Demo", "version": "1.0"}}]}""";
        var hashed = PipLock.FromReport(report).Concat(PipLock.FromLock("# header\nsecondpkg==2.0 --hash=sha256:bb\n")).ToArray();

        var complete = PipLock.Write(RecordedPackages.FromPipFreeze("secondpkg==2.0\ntykky-demo==1.0\n"), hashed);
        var partial = PipLock.Write(RecordedPackages.FromPipFreeze("other==3\nsecondpkg==2.0\n"), hashed);

        Assert.Equal($"{PipLock.CompleteHeader}\nsecondpkg==2.0 --hash=sha256:bb\ntykky-demo==1.0 --hash=sha256:aa\n", complete);
        Assert.True(PipLock.IsComplete(complete));
        Assert.StartsWith("# no hash is known for: other ", partial);
        Assert.EndsWith("other==3\nsecondpkg==2.0 --hash=sha256:bb\n", partial);
        Assert.False(PipLock.IsComplete(partial));
    }
}
