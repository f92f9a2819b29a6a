using Tykky.Tests;

namespace Tykky.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Installations for the inspection specs, in one TYKKY_PATH directory (<see cref="Shelf"/>): <c>tool</c>
/// (wrap-install of two scripts and 40 data files, with a YAML input), <c>busybox</c> (wrap-container of
/// busybox.sif), and <c>legacy</c>, laid out as upstream's bash Tykky leaves an installation (bash
/// wrappers, common.sh, container.sif, img.sqfs), made here with mksquashfs.
/// </summary>
public sealed class InspectedInstallations : IDisposable
{
    /// <summary>Data files in tool's source.</summary>
    public const int DataFiles = 40;

    private readonly TempDir _directory = new("inspected");

    /// <summary>Builds the installations.</summary>
    public InspectedInstallations()
    {
        var builds = new Builds(_directory);
        _directory.Write("src/bin/alpha", "#!/bin/sh\necho alpha\n", executable: true);
        _directory.Write("src/bin/beta", "#!/bin/sh\necho beta\n", executable: true);
        for (var i = 0; i < DataFiles; i++)
        {
            _directory.Write($"src/share/data/{i}.txt", $"{i}\n");
        }
        _directory.Write("settings.yaml", "wrap_all: no\n");
        Build(builds, "wrap-install", ["-w", "bin", "-y", "settings.yaml", "--prefix", Tool, _directory["src"]]);
        Build(builds, "wrap-container", ["-w", "/bin,/opt/tools/bin", "--prefix", Busybox, Containers.BusyboxSif]);
        MakeLegacy();
    }

    /// <summary>The directory holding the three installations (a TYKKY_PATH entry).</summary>
    public string Shelf => _directory["shelf"];

    /// <summary>The wrap-install installation.</summary>
    public string Tool => Path.Join(Shelf, "tool");

    /// <summary>The wrap-container installation.</summary>
    public string Busybox => Path.Join(Shelf, "busybox");

    /// <summary>The installation laid out like upstream's.</summary>
    public string Legacy => Path.Join(Shelf, "legacy");

    /// <summary>The scratch directory.</summary>
    public TempDir Directory => _directory;

    /// <summary>Removes everything.</summary>
    public void Dispose() => _directory.Dispose();

    private void Build(Builds builds, string frontend, IReadOnlyList<string> arguments)
    {
        var result = builds.Run(frontend, arguments, new RunOptions { WorkingDirectory = _directory.Path });
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>What hpc-container-wrapper's generate_wrappers.sh (0121e4a) deploys, with its wrapper text.</summary>
    private void MakeLegacy()
    {
        _directory.Write("shelf/legacy/common.sh",
            "#!/bin/bash\nSQFS_IMAGE=img.sqfs\nCONTAINER_IMAGE=container.sif\nINSTALLATION_PATH=/CSC_CONTAINER\nSINGULARITYENV_PATH=\"/usr/bin\"\n");
        _directory.Write("shelf/legacy/bin/python",
            "#!/bin/bash\nDIR=\"$( cd \"$( dirname \"${BASH_SOURCE[0]}\" )\" >/dev/null 2>&1 && pwd )\"\nsource $DIR/../common.sh\n\n" +
            "        if [[ -z \"$SINGULARITY_NAME\" ]];then\n" +
            "            singularity --silent exec -B $DIR/../$SQFS_IMAGE:$INSTALLATION_PATH:image-src=/ $DIR/../$CONTAINER_IMAGE  /CSC_CONTAINER/bin/python \"$@\" \n" +
            "        else\n            /CSC_CONTAINER/bin/python \"$@\"\n        fi\n", executable: true);
        File.Copy(Containers.BusyboxSif, Path.Join(Legacy, "container.sif"));
        _directory.Write("legacy-tree/bin/python", "#!/bin/sh\n", executable: true);
        var pack = Run.Command(["mksquashfs", _directory["legacy-tree"], Path.Join(Legacy, "img.sqfs"), "-noappend", "-quiet", "-no-progress"]);
        Assert.True(pack.ExitCode == 0, pack.ToString());
    }
}
