using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The busybox container of tests/fixtures (a real SIF written by Apptainer; README there lists its
/// contents) in its three forms: the SIF itself, the same root filesystem as a plain squashfs image,
/// and as a sandbox directory, the last two made in setup with unsquashfs and mksquashfs.
/// </summary>
public static class Containers
{
    /// <summary>Byte offset of busybox.sif's root filesystem (tests/fixtures/README.md).</summary>
    public const long BusyboxRootOffset = 36864;

    /// <summary>The SIF file.</summary>
    public static string BusyboxSif => Path.Join(ToolTree.RepositoryRoot, "tests", "fixtures", "busybox.sif");

    /// <summary>Extracts busybox.sif's root filesystem into <paramref name="directory"/>/<paramref name="name"/> and returns its path.</summary>
    public static string BusyboxSandbox(TempDir directory, string name = "busybox-root")
    {
        var root = directory[name];
        var extract = Run.Command(["unsquashfs", "-no-progress", "-d", root, "-o", BusyboxRootOffset.ToString(System.Globalization.CultureInfo.InvariantCulture), BusyboxSif]);
        Assert.True(extract.ExitCode == 0, extract.ToString());
        return root;
    }

    /// <summary>Packs busybox.sif's root filesystem into a plain squashfs image in <paramref name="directory"/> and returns its path.</summary>
    public static string BusyboxSquashfs(TempDir directory)
    {
        var image = directory["busybox-root.sqfs"];
        var pack = Run.Command(["mksquashfs", BusyboxSandbox(directory, "busybox-tree"), image, "-noappend", "-no-progress", "-quiet"]);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        return image;
    }

    /// <summary>
    /// A minimal root filesystem with the host's python3 and bash (the programs, the libraries they link, python's
    /// standard library without tests, and the wheels Debian's ensurepip installs pip from) in
    /// <paramref name="directory"/>/python-root, standing in for a python:X.Y-slim image.
    /// </summary>
    public static string PythonSandbox(TempDir directory)
    {
        var root = directory["python-root"];
        const string script = """
            set -euo pipefail
            root=$1
            python=$(readlink -f /usr/bin/python3)
            version=$(basename "$python")
            mkdir -p "$root/usr/bin" "$root/etc" "$root/tmp" "$root/home"
            cp "$python" "$root/usr/bin/$version"
            cp /usr/bin/bash "$root/usr/bin/bash"
            ln -s bash "$root/usr/bin/sh"
            ln -s "$version" "$root/usr/bin/python3"
            ln -s python3 "$root/usr/bin/python"
            ln -s usr/bin "$root/bin"
            (cd / && tar cf - --exclude="usr/lib/$version/test" --exclude=__pycache__ "usr/lib/$version" usr/share/python-wheels) | tar xf - -C "$root"
            for library in $(ldd "$python" /usr/bin/bash | grep -o '/[^ ]*' | grep -v ':$' | sort -u); do
                mkdir -p "$root$(dirname "$library")"
                cp -L "$library" "$root$library"
            done
            """;
        var make = Run.Bash(script, null, root);
        Assert.True(make.ExitCode == 0, make.ToString());
        return root;
    }
}
