using System.Runtime.CompilerServices;
using Tykky.Builder.Container;

namespace Tykky.Builder.Tests;

/// <summary>container_src: auto — sample /etc/os-release files of HPC and common distributions (OsRelease/).</summary>
public sealed class BaseImageChooserSpecs
{
    public sealed record Case(string File, string Url, bool IsGuess)
    {
        public override string ToString() => $"{File} -> {Url}";
    }

    public static TheoryData<Case> Hosts =>
    [
        new("sles-15.5", "docker://registry.suse.com/bci/bci-base:15.5", false),
        new("opensuse-leap-15.5", "docker://opensuse/leap:15.5", false),
        // RHEL maps to UBI by major version
        new("rhel-8.9", "docker://registry.access.redhat.com/ubi8/ubi:8.9", false),
        new("rocky-9.3", "docker://rockylinux/rockylinux:9.3", false),
        new("almalinux-9.4", "docker://almalinux:9.4", false),
        new("centos-7", "docker://centos:7", false),
        new("ubuntu-22.04", "docker://ubuntu:22.04", false),
        new("debian-12", "docker://debian:12", false),
        // unknown ID, known ID_LIKE: a stated guess
        new("cray-like-sles", "docker://registry.suse.com/bci/bci-base:15.4", true),
        new("unknown", "docker://debian:stable", true),
    ];

    [Theory]
    [MemberData(nameof(Hosts))]
    public void The_base_image_matches_the_host(Case row)
    {
        var choice = BaseImageChooser.Choose(File.ReadAllText(Sample(row.File)));

        Assert.Equal(row.Url, choice.Url);
        Assert.Equal(row.IsGuess, choice.IsGuess);
        Assert.NotEmpty(choice.Reason);
    }

    [Fact]
    public void A_guess_says_what_it_was_based_on()
    {
        Assert.Equal("host is 'crayos' 15.4, like sles", BaseImageChooser.Choose(File.ReadAllText(Sample("cray-like-sles"))).Reason);
        Assert.Equal("no base image is known for host 'plan9' ''", BaseImageChooser.Choose(File.ReadAllText(Sample("unknown"))).Reason);
    }

    [Theory]
    [InlineData("auto", typeof(AutoImage))]
    [InlineData("docker://ubuntu:22.04", typeof(RemoteImage))]
    [InlineData("oras://ghcr.io/x/y:1", typeof(RemoteImage))]
    [InlineData("library://centos:7.9", typeof(RemoteImage))]
    [InlineData("/appl/images/base.sif", typeof(LocalImage))]
    [InlineData("relative/base.sif", typeof(LocalImage))]
    public void Container_sources_are_told_apart(string value, Type kind)
    {
        Assert.IsType(kind, ContainerSource.Parse(value, () => new BaseImage("docker://debian:12", false, "test")));
    }

    private static string Sample(string name, [CallerFilePath] string source = "") => Path.Join(Path.GetDirectoryName(source), "OsRelease", name);
}
