#!/usr/bin/env bash
# Runs every test: installs what the tests use (as root on Debian/Ubuntu), builds the tool tree with
# ./build.sh --arch both, then runs the unit tests and the end-to-end tests against dist/ (the arm64
# tree in dist/linux-arm64/ under qemu-user).
# The end-to-end tests run the real bubblewrap, squashfuse, mksquashfs, gcc and a private Slurm;
# as root they also create an unprivileged test user and make /dev/fuse 0666 (as on normal distros).
set -euo pipefail
cd "$(dirname "$0")"
packages=(gcc bubblewrap squashfuse squashfs-tools fuse3 slurm-wlm munge python3 python3-venv python3-pip python3-setuptools python3-wheel python3-yaml python3-dask python3-distributed bash dash zsh ksh util-linux strace qemu-user-static gcc-aarch64-linux-gnu lmod tcl8.6)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "[ INFO ] Installing test dependencies: ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "[ WARNING ] missing test dependencies (some tests will be skipped): ${missing[*]}" >&2
    fi
fi
# Environment Modules conflicts with lmod as a Debian package, so it is unpacked, not installed, into
# .tmp/environment-modules (its modulecmd.tcl runs from there); the module specs load modules with both.
if [ ! -e .tmp/environment-modules/usr/lib/modulecmd.tcl ] && [ "$(id -u)" = 0 ]; then
    mkdir -p .tmp/environment-modules
    (cd .tmp && apt-get download -qq environment-modules 2>/dev/null && dpkg-deb -x environment-modules_*.deb environment-modules && rm -f environment-modules_*.deb) \
        || echo "[ WARNING ] could not unpack environment-modules; its module specs will be skipped" >&2
fi
./build.sh --arch both
# formatting is part of the build's honesty (STYLE.md): whitespace must be what dotnet format writes
for project in src/*/*.csproj tests/*/*.csproj; do
    dotnet format whitespace "$project" --verify-no-changes || { echo "[ ERROR ] $project is not formatted; run: dotnet format whitespace $project" >&2; exit 1; }
done
dotnet test tests/Tykky.Launcher.Tests --nologo
dotnet test tests/Tykky.Builder.Tests --nologo
status=0
dotnet test tests/Tykky.EndToEnd.Tests --nologo || status=$?
# Keepers of the tests' installations would end by themselves a minute after their last program.
pkill -KILL -f -- '--tykky-keeper' 2>/dev/null || true
exit $status
