#!/usr/bin/env bash
# Builds Tykky on Debian/Ubuntu and lays out a usable tool tree in dist/:
#   dist/bin/tykky (builder) and the frontends as symlinks to it,
#   dist/libexec/tykky-launcher (static launcher), dist/libexec/tykky-join (static keeper joiner, C),
#   dist/configs/*.yaml, dist/configs/default.yaml.
# Usage: ./build.sh [--site local|lumi|puhti|mahti|roihu] [demo]
#   demo: afterwards, wrap a small real installation with the built tool and run its programs.
# Running it twice is harmless.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
site=local
demo=no
while [ $# -gt 0 ]; do
    case $1 in
        --site) site=$2; shift 2 ;;
        demo) demo=yes; shift ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "[ ERROR ] build.sh: unknown argument '$1'; see ./build.sh --help" >&2; exit 2 ;;
    esac
done
[ -f "configs/$site.yaml" ] || { echo "[ ERROR ] no site config configs/$site.yaml; choose one of: $(cd configs && ls *.yaml | sed 's/.yaml//' | tr '\n' ' ')" >&2; exit 2; }

# Build and runtime packages: clang+lld link the static binaries, file checks that they are static;
# the others are what the tool runs.
packages=(clang lld file libc6-dev bubblewrap squashfuse squashfs-tools fuse3)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "[ INFO ] Installing ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "[ ERROR ] missing packages: ${missing[*]}; run: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi

publish() { # project output-dir
    dotnet publish "src/$1" -c Release -o "$2" -p:TreatWarningsAsErrors=true -nologo -v quiet 2>&1 | grep -Ev '^\s*$|->' || true
    [ "${PIPESTATUS[0]}" = 0 ] || { echo "[ ERROR ] publishing $1 failed" >&2; exit 1; }
}
out=$root/obj/publish
echo "[ INFO ] Publishing the static launcher and builder (NativeAOT)"
publish Tykky.Launcher "$out/launcher"
publish Tykky.Builder "$out/builder"
file "$out/launcher/tykky-launcher" | grep -q "static" || { echo "[ ERROR ] the launcher is not statically linked" >&2; exit 1; }
# The keeper joiner must be single-threaded (setns into a user namespace), so it is C, not .NET.
mkdir -p "$out/joiner"
gcc -static -O2 -Wall -Wextra -Werror -o "$out/joiner/tykky-join" src/tykky-join/tykky-join.c || { echo "[ ERROR ] compiling src/tykky-join failed" >&2; exit 1; }

dist=$root/dist
rm -rf "$dist.new"
mkdir -p "$dist.new/bin" "$dist.new/libexec" "$dist.new/configs"
install -m 0755 "$out/builder/tykky" "$dist.new/bin/tykky"
for frontend in conda-containerize pip-containerize wrap-container wrap-install; do
    ln -s tykky "$dist.new/bin/$frontend"
done
install -m 0755 "$out/launcher/tykky-launcher" "$dist.new/libexec/tykky-launcher"
install -m 0755 "$out/joiner/tykky-join" "$dist.new/libexec/tykky-join"
install -m 0644 configs/*.yaml "$dist.new/configs/"
ln -s "$site.yaml" "$dist.new/configs/default.yaml"
# Shell integration (profile script, bash completion, Lmod module): @TYKKY_ROOT@ becomes the tool's path.
cp -R etc modulefiles "$dist.new/"
grep -rlF @TYKKY_ROOT@ "$dist.new/etc" "$dist.new/modulefiles" | while read -r f; do sed -i "s|@TYKKY_ROOT@|$dist|g" "$f"; done
rm -rf "$dist"
mv "$dist.new" "$dist"
echo "[ INFO ] Tool tree ready in $dist (site config: $site); use it with: export PATH=\"$dist/bin:\$PATH\""

if [ "$demo" = yes ]; then
    exec "$root/examples/demo.sh" "$dist"
fi
