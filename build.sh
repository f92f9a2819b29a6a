#!/usr/bin/env bash
# Builds Tykky on Debian/Ubuntu and lays out a usable tool tree in dist/:
#   dist/bin/tykky (builder) and the frontends as symlinks to it,
#   dist/libexec/tykky-launcher (static launcher), dist/libexec/tykky-join (static keeper joiner, C),
#   dist/libexec/squashfuse-noopen.so (preloaded into a keeper's squashfuse_ll: no-open, block memo; C),
#   dist/configs/*.yaml, dist/configs/default.yaml.
# Usage: ./build.sh [--site local|lumi|puhti|mahti|roihu] [--arch amd64|arm64|both] [demo]
#   --arch: the architecture(s) to build, default the host's. The host's tree is dist/; the other
#     architecture's is the same tree in dist/linux-arm64/ (or dist/linux-x64/ on an arm64 host).
#   demo: afterwards, wrap a small real installation with the built tool and run its programs.
# Running it twice is harmless; building one architecture leaves the other's tree as it was.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
site=local
arch=
demo=no
while [ $# -gt 0 ]; do
    case $1 in
        --site) site=${2:-}; shift 2 || shift ;;
        --arch) arch=${2:-}; shift 2 || shift ;;
        demo) demo=yes; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "[ ERROR ] build.sh: unknown argument '$1'; see ./build.sh --help" >&2; exit 2 ;;
    esac
done
[ -f "configs/$site.yaml" ] || { echo "[ ERROR ] no site config configs/$site.yaml; choose one of: $(cd configs && ls *.yaml | sed 's/.yaml//' | tr '\n' ' ')" >&2; exit 2; }

# Debian's names: architecture -> .NET runtime identifier, GNU triple (cross sysroot and binutils prefix)
# and the cross-build packages.
rid_of() { case $1 in amd64) echo linux-x64 ;; arm64) echo linux-arm64 ;; esac; }
triple_of() { case $1 in amd64) echo x86_64-linux-gnu ;; arm64) echo aarch64-linux-gnu ;; esac; }
cross_packages_of() { case $1 in amd64) echo libc6-dev-amd64-cross gcc-x86-64-linux-gnu ;; arm64) echo libc6-dev-arm64-cross gcc-aarch64-linux-gnu ;; esac; }
# what `file` prints for an executable of the architecture
elf_machine_of() { case $1 in amd64) echo x86-64 ;; arm64) echo "ARM aarch64" ;; esac; }

case $(uname -m) in
    x86_64) host_arch=amd64 ;;
    aarch64) host_arch=arm64 ;;
    *) echo "[ ERROR ] build.sh builds on x86_64 or aarch64 hosts, not on $(uname -m)" >&2; exit 2 ;;
esac
case ${arch:-$host_arch} in
    amd64|arm64) arches=("${arch:-$host_arch}") ;;
    both) arches=("$host_arch"); [ "$host_arch" = amd64 ] && arches+=(arm64) || arches+=(amd64) ;;
    *) echo "[ ERROR ] build.sh: --arch '$arch' is not known; use amd64, arm64 or both" >&2; exit 2 ;;
esac

# Build and runtime packages: clang+lld link the static binaries, file checks that they are static;
# libc6-dev the static C library of the keeper joiner; libfuse3-dev the headers of squashfuse-noopen;
# the others are what the tool runs. A foreign architecture also needs its C library and binutils.
packages=(clang lld file libc6-dev libfuse3-dev bubblewrap squashfuse squashfs-tools fuse3)
for a in "${arches[@]}"; do
    if [ "$a" != "$host_arch" ]; then
        read -ra cross <<<"$(cross_packages_of "$a")"
        packages+=("${cross[@]}")
    fi
done
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "[ INFO ] Installing ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "[ ERROR ] missing packages: ${missing[*]}; run: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi

# The msbuild properties of a publish for architecture $1. Intermediate files are per runtime
# identifier already, but the restore (obj/project.assets.json) is not: another architecture restores
# other packs, so its restore goes to a directory of its own and leaves the host's (shared with
# dotnet build and test) alone.
publish_properties() {
    local a=$1 project=$2
    [ "$a" = "$host_arch" ] && return 0
    local triple
    triple=$(triple_of "$a")
    echo "-p:SysRoot=/usr/$triple -p:ObjCopyName=$triple-objcopy -p:MSBuildProjectExtensionsPath=$root/obj/$(rid_of "$a")/$project/"
    # The NuGet source here holds the arm64 runtime and ILCompiler packs only at this version.
    [ "$a" = arm64 ] && echo "-p:RuntimeFrameworkVersion=9.0.23"
    return 0
}
publish() { # architecture project output-dir
    local properties
    read -ra properties <<<"$(publish_properties "$1" "$2" | tr '\n' ' ')"
    # with pipefail, the pipeline fails when dotnet does (grep finding nothing to show is no failure)
    dotnet publish "src/$2" -c Release -r "$(rid_of "$1")" -o "$3" -p:TreatWarningsAsErrors=true "${properties[@]}" -nologo -v quiet 2>&1 | { grep -Ev '^\s*$|->' || true; } \
        || { echo "[ ERROR ] publishing $2 for $1 failed" >&2; exit 1; }
}
check_binary() { # architecture file
    local description
    description=$(file -b "$2")
    case $description in *"$(elf_machine_of "$1")"*static*) ;; *)
        echo "[ ERROR ] $2 is not a static $1 executable: $description" >&2; exit 1 ;;
    esac
}

# Lays out the tool tree for architecture $1 in $2, replacing it in one rename.
lay_out_tree() {
    local a=$1 tree=$2 out=$root/obj/publish/$(rid_of "$1")
    rm -rf "$tree.new"
    mkdir -p "$tree.new/bin" "$tree.new/libexec" "$tree.new/configs"
    install -m 0755 "$out/builder/tykky" "$tree.new/bin/tykky"
    for frontend in conda-containerize pip-containerize spack-containerize wrap-container wrap-install; do
        ln -s tykky "$tree.new/bin/$frontend"
    done
    install -m 0755 "$out/launcher/tykky-launcher" "$tree.new/libexec/tykky-launcher"
    install -m 0755 "$out/joiner/tykky-join" "$tree.new/libexec/tykky-join"
    install -m 0644 "$out/noopen/squashfuse-noopen.so" "$tree.new/libexec/squashfuse-noopen.so"
    install -m 0644 configs/*.yaml "$tree.new/configs/"
    ln -s "$site.yaml" "$tree.new/configs/default.yaml"
    # Shell integration (profile script, bash completion, Lmod module): @TYKKY_ROOT@ becomes the tool's path.
    cp -R etc modulefiles "$tree.new/"
    grep -rlF @TYKKY_ROOT@ "$tree.new/etc" "$tree.new/modulefiles" | while read -r f; do sed -i "s|@TYKKY_ROOT@|$tree|g" "$f"; done
    if [ "$a" = "$host_arch" ] && [ -d "$tree" ]; then
        # the other architecture's tree lives inside the host's
        find "$tree" -mindepth 1 -maxdepth 1 -name 'linux-*' -exec mv -t "$tree.new" {} +
    fi
    rm -rf "$tree"
    mv "$tree.new" "$tree"
}

dist=$root/dist
for a in "${arches[@]}"; do
    out=$root/obj/publish/$(rid_of "$a")
    echo "[ INFO ] Publishing the static launcher and builder for $a (NativeAOT)"
    publish "$a" Tykky.Launcher "$out/launcher"
    publish "$a" Tykky.Builder "$out/builder"
    check_binary "$a" "$out/launcher/tykky-launcher"
    check_binary "$a" "$out/builder/tykky"
    # The keeper joiner must be single-threaded (setns into a user namespace), so it is C, not .NET.
    mkdir -p "$out/joiner"
    compiler=gcc
    [ "$a" = "$host_arch" ] || compiler=$(triple_of "$a")-gcc
    "$compiler" -static -O2 -Wall -Wextra -Werror -o "$out/joiner/tykky-join" src/tykky-join/tykky-join.c \
        || { echo "[ ERROR ] compiling src/tykky-join for $a failed" >&2; exit 1; }
    check_binary "$a" "$out/joiner/tykky-join"
    # libfuse's headers are the same for every architecture; the library is resolved in squashfuse_ll.
    mkdir -p "$out/noopen"
    "$compiler" -shared -fPIC -O2 -Wall -Wextra -Werror -I/usr/include/fuse3 -o "$out/noopen/squashfuse-noopen.so" src/squashfuse-noopen/squashfuse-noopen.c src/squashfuse-noopen/block-memo.c \
        || { echo "[ ERROR ] compiling src/squashfuse-noopen for $a failed" >&2; exit 1; }
    if [ "$a" = "$host_arch" ]; then
        lay_out_tree "$a" "$dist"
        echo "[ INFO ] Tool tree ready in $dist (site config: $site); use it with: export PATH=\"$dist/bin:\$PATH\""
    else
        mkdir -p "$dist"
        lay_out_tree "$a" "$dist/$(rid_of "$a")"
        echo "[ INFO ] $a tool tree ready in $dist/$(rid_of "$a") (site config: $site)"
    fi
done

if [ "$demo" = yes ]; then
    exec "$root/examples/demo.sh" "$dist"
fi
