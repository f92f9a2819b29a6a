#!/usr/bin/env bash
# The headline benchmark: a python import from a plain directory vs from a Tykky installation, both on
# a simulated parallel filesystem (bench/pfs-passthrough.c: a FUSE passthrough with a latency per
# metadata operation), cold and warm, 1 and 8 concurrent ranks; then the same import on local disk,
# wrapped vs bare `true`, and the launcher alone (page faults, system calls) up to its exec of the
# runtime. Writes the first section of bench/RESULTS.md (bench/launch.sh writes the rest).
# Run as root (it mounts, drops the page cache and installs what is missing); builds dist/ when missing.
# What is measured runs as the unprivileged account tykky-bench (made when missing), as on a cluster:
# its launches join the installation's keeper (the shared mount); root's never do.
# Usage: bench/pfs.sh [REPS]   (REPS interleaved repetitions, default 1; ~17 minutes for 3 with the builds on a quiet 2-core VM)
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-1}
[ "$(id -u)" = 0 ] || { echo "[ ERROR ] bench/pfs.sh mounts filesystems and drops caches: run it as root" >&2; exit 1; }
packages=(gcc libc6-dev pkg-config libfuse3-dev fuse3 python3-numpy python3-scipy python3-pandas linux-perf strace hyperfine util-linux)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    echo "[ INFO ] Installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -x dist/bin/wrap-install ] || ./build.sh
root=$PWD
user=tykky-bench
id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user"
# squashfuse of the user's keepers opens /dev/fuse (0600 on some VMs)
[ -c /dev/fuse ] && chmod 0666 /dev/fuse
work=$(mktemp -d /tmp/tykky-pfs.XXXXXX)
chmod 0755 "$work"
mkdir "$work/user" && chown "$user:" "$work/user"
cleanup() {
    pkill -KILL -u "$user" || true
    mountpoint -q "$work/pfs" && umount "$work/pfs"
    rm -rf "$work"
}
trap cleanup EXIT

gcc -O2 -Wall -Wextra -o "$work/pfs-passthrough" bench/pfs-passthrough.c $(pkg-config --cflags --libs fuse3)
# Everything is made at its final path under pfs/, then moved to backing/ that the passthrough serves
# at pfs/ again: the installation's paths (its prefix, the --mask path) stay true.
pfs=$work/pfs
mkdir -p "$pfs/plain/bin" "$pfs/plain/site-packages" "$pfs/true-src/bin"
cp "$(readlink -f /usr/bin/python3)" "$pfs/plain/bin/python3"
# the packages the import loads, with the byte code Debian compiled for them
(cd /usr/lib/python3/dist-packages && cp -a bottleneck dateutil numexpr numpy pandas pytz scipy six.py "$pfs/plain/site-packages/")
PYTHONPATH=$pfs/plain/site-packages "$pfs/plain/bin/python3" -S -c 'import numpy, scipy.optimize, pandas'
cp /usr/bin/true "$pfs/true-src/bin/true"
printf 'int main(void) { return 0; }\n' > "$work/true.c"
gcc -O2 -static -o "$pfs/true-static" "$work/true.c"
# the NativeAOT floor the launcher is measured against: an empty program with its build settings
dotnet publish bench/empty-aot -c Release -o "$pfs/empty-aot" -nologo -v quiet -p:TreatWarningsAsErrors=true >/dev/null \
    || { echo "[ ERROR ] publishing bench/empty-aot failed" >&2; exit 1; }
echo "[ INFO ] Building the installations with $root/dist/bin/wrap-install"
(cd "$work" && CW_LOG_LEVEL=1 "$root/dist/bin/wrap-install" --mask -w bin --prefix "$pfs/install" "$pfs/plain")
# the launcher is measured joining a keeper that stays for the whole run
printf 'shared_mount_idle: 3600\n' > "$work/true.yaml"
(cd "$work" && CW_LOG_LEVEL=1 "$root/dist/bin/wrap-install" -y "$work/true.yaml" -w bin --prefix "$pfs/true" "$pfs/true-src")
files=$(find "$pfs/plain" -type f | wc -l)
tree_mb=$(du -sm "$pfs/plain" | cut -f1)
image_mb=$(( $(stat -L -c %s "$pfs/install/img.sqfs") / 1048576 ))
mv "$pfs" "$work/backing"
mkdir "$pfs"

echo "[ INFO ] Measuring (about 5 minutes per repetition on a quiet 2-core VM, more when loaded)"
/usr/bin/python3 bench/pfs.py "$work" --user "$user" --reps "$reps" --files "$files" --tree-mb "$tree_mb" --image-mb "$image_mb" > "$work/pfs.md"
# RESULTS.md: this section first, then what bench/launch.sh wrote (everything from its heading on)
{
    cat "$work/pfs.md"
    echo
    [ -f bench/RESULTS.md ] && sed -n '/^# Launch overhead/,$p' bench/RESULTS.md
} > "$work/RESULTS.md"
mv "$work/RESULTS.md" bench/RESULTS.md
cat "$work/pfs.md"
