using Tykky.Builder.Inspection;

namespace Tykky.Builder.Tests;

/// <summary>What an installation made by upstream's bash Tykky tells about itself.</summary>
public class UpstreamCommonShSpecs
{
    /// <summary>common.sh as hpc-container-wrapper generate_wrappers.sh writes it (isolated installation).</summary>
    private const string CommonSh = """
        #!/bin/bash
        SQFS_IMAGE=img.sqfs
        CONTAINER_IMAGE=container.sif
        INSTALLATION_PATH=/CSC_CONTAINER
        SINGULARITYENV_PATH="/usr/local/bin:/usr/bin"
        export SINGULARITYENV_PATH="/CSC_CONTAINER/bin:$SINGULARITYENV_PATH"
        _DIRS=(/projappl /scratch)
        """;

    /// <summary>A wrapper script in upstream's bin/.</summary>
    private const string Wrapper = """
        #!/bin/bash
        DIR="$( cd "$( dirname "${BASH_SOURCE[0]}" )" >/dev/null 2>&1 && pwd )"
        source $DIR/../common.sh

                if [[ -z "$SINGULARITY_NAME" ]];then
                    singularity --silent exec -B $DIR/../$SQFS_IMAGE:$INSTALLATION_PATH:image-src=/ $DIR/../$CONTAINER_IMAGE  /CSC_CONTAINER/miniconda/envs/env1/bin/python "$@"
                else
                    /CSC_CONTAINER/miniconda/envs/env1/bin/python "$@"
                fi
        """;

    [Fact]
    public void Plain_assignments_are_read_and_expansions_left_out()
    {
        var variables = UpstreamCommonSh.Variables(CommonSh);

        Assert.Equal("img.sqfs", variables["SQFS_IMAGE"]);
        Assert.Equal("container.sif", variables["CONTAINER_IMAGE"]);
        Assert.Equal("/CSC_CONTAINER", variables["INSTALLATION_PATH"]);
        Assert.Equal("/usr/local/bin:/usr/bin", variables["SINGULARITYENV_PATH"]);
    }

    [Fact]
    public void A_wrappers_program_is_the_path_before_its_arguments()
    {
        Assert.Equal("/CSC_CONTAINER/miniconda/envs/env1/bin/python", UpstreamCommonSh.WrapperTarget(Wrapper));
        Assert.Null(UpstreamCommonSh.WrapperTarget("#!/bin/bash\necho not a wrapper\n"));
    }
}
