#!/usr/bin/env bash
# Wrapper launch overhead benchmark. Builds a probe installation with the built tool (dist/), then
# times with hyperfine (warmup 10, 200 runs each):
#   bare      the program started directly on the host
#   wrapper   the same program through its Tykky wrapper (launcher -> bwrap -> inner step -> program)
#   manual    the same bwrap + squashfuse launch done by a hand-written shell script (manual-bwrap.sh)
#   isolated-dir  busybox's `true` through a wrap-container wrapper of a sandbox directory (one sandbox)
#   isolated-sif  busybox's `true` through a wrap-container wrapper of a SIF (two sandboxes: the first mounts the root)
#   python-gzip / python-zstd  `python3 -c pass` with the python binary in the image, compressed with gzip or
#                 zstd: each launch mounts the image afresh, so what a program reads is decompressed again
# and counts the launcher's own system calls before it execs the runtime (strace).
# Writes its section of bench/RESULTS.md, after the one bench/pfs.sh writes. Usage: bench/launch.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
command -v hyperfine >/dev/null || { echo "[ ERROR ] hyperfine not found; apt install hyperfine" >&2; exit 1; }
[ -x dist/bin/wrap-install ] || ./build.sh
work=$(mktemp -d /tmp/tykky-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/bin"
gcc -O2 -o "$work/src/bin/probe" tests/Tykky.EndToEnd.Tests/Fixtures/probe.c
root=$PWD
(cd "$work" && CW_LOG_LEVEL=1 "$root/dist/bin/wrap-install" -w bin --prefix "$work/install" "$work/src")
unsquashfs -q -o 36864 -d "$work/busybox-root" tests/fixtures/busybox.sif >/dev/null
mkdir -p "$work/py/bin" && cp "$(readlink -f /usr/bin/python3)" "$work/py/bin/python3"
for comp in gzip zstd; do
    printf 'sqfs_options: "-noappend -comp %s"\n' "$comp" > "$work/$comp.yaml"
    (cd "$work" && CW_LOG_LEVEL=1 "$root/dist/bin/wrap-install" -w bin -y "$work/$comp.yaml" --prefix "$work/py-$comp" "$work/py")
done
(cd "$work" && CW_LOG_LEVEL=1 "$root/dist/bin/wrap-container" -w /bin --prefix "$work/sif" "$root/tests/fixtures/busybox.sif")
(cd "$work" && CW_LOG_LEVEL=1 "$root/dist/bin/wrap-container" -w /bin --prefix "$work/dir" "$work/busybox-root")

hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/times.json" \
    -n bare "$work/src/bin/probe exit 0" \
    -n wrapper "$work/install/bin/probe exit 0" \
    -n manual "bench/manual-bwrap.sh $work/install /LOCAL_TYKKY/bin/probe exit 0" \
    -n isolated-dir "$work/dir/bin/true" \
    -n isolated-sif "$work/sif/bin/true" \
    -n python-bare "$work/py/bin/python3 -c pass" \
    -n python-gzip "$work/py-gzip/bin/python3 -c pass" \
    -n python-zstd "$work/py-zstd/bin/python3 -c pass" >/dev/null

strace -f -o "$work/trace" "$work/install/bin/probe" exit 0
launcher_syscalls=$(awk '/execve\("\/usr\/bin\/bwrap"/ {print NR - 1; exit}' "$work/trace")

python3 - "$work/times.json" "$launcher_syscalls" "$runs" <<'PY' > "$work/launch.md"
import json, sys, platform, subprocess, datetime
data = json.load(open(sys.argv[1]))
rows = {r["command"]: r for r in data["results"]}
def ms(x): return f"{x * 1000:.2f}"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
bw = subprocess.run(["bwrap", "--version"], capture_output=True, text=True).stdout.strip()
print("# Launch overhead of a Tykky wrapper\n")
print(f"Measured {datetime.date.today()} by `bench/launch.sh` on {platform.node()}: {cpu}, "
      f"{len(open('/proc/cpuinfo').read().split('processor')) - 1} cores, Linux {platform.release()}, {bw}, static NativeAOT launcher.")
print(f"hyperfine -N (no shell), 10 warmup runs, {sys.argv[3]} runs each; the program is `probe exit 0` (a C program that exits at once).\n")
print("| launch | min (ms) | median (ms) | mean ± sd (ms) |")
print("|---|---|---|---|")
for name, what in [("bare", "program started directly"), ("wrapper", "through `<prefix>/bin/probe` (launcher → bwrap → inner step → program)"),
                   ("manual", "hand-written shell script doing the same bwrap + squashfuse mount"),
                   ("isolated-dir", "busybox `true` via wrap-container of a sandbox directory (one sandbox)"),
                   ("isolated-sif", "busybox `true` via wrap-container of a SIF (first sandbox mounts the root, second is isolated)"),
                   ("python-bare", "`python3 -c pass` started directly"),
                   ("python-gzip", "`python3 -c pass`, python binary in a gzip image (mksquashfs default)"),
                   ("python-zstd", "`python3 -c pass`, python binary in a zstd image (local.yaml default)")]:
    r = rows[name]
    print(f"| {name}: {what} | {ms(r['min'])} | {ms(r['median'])} | {ms(r['mean'])} ± {ms(r['stddev'])} |")
w, m, b = rows["wrapper"], rows["manual"], rows["bare"]
difference = m['median'] - w['median']
print(f"\nThe wrapper costs {ms(w['median'] - b['median'])} ms over the bare program (median), "
      f"{ms(abs(difference))} ms {'less' if difference >= 0 else 'more'} than the shell script doing the same mount.")
print(f"Almost all of it is bubblewrap's namespaces and the squashfuse mount; the launcher's own work before it execs bwrap is "
      f"{sys.argv[2]} system calls (strace -f, counted up to the execve of bwrap), against ~2,700 for the bash Tykky wrapper before apptainer starts (SPEC §9).")
print(f"Each launch mounts the image afresh, so what the program reads is decompressed again: zstd saves "
      f"{ms(rows['python-gzip']['median'] - rows['python-zstd']['median'])} ms per python start over gzip here.")
print("An isolated SIF container costs two sandboxes and a squashfuse mount of the root; a sandbox-directory container one sandbox and no FUSE.")
print("Run as root: root's launch also reads /proc/self/status (its sandboxes need CAP_SYS_ADMIN).")
print("\nRe-run with `bench/launch.sh [RUNS]` on a quiet machine; the numbers vary with the machine, the ratios much less.")
PY
# keep bench/pfs.sh's section (everything before this one's heading)
{
    [ -f bench/RESULTS.md ] && sed '/^# Launch overhead/,$d' bench/RESULTS.md
    cat "$work/launch.md"
} > "$work/RESULTS.md"
mv "$work/RESULTS.md" bench/RESULTS.md
cat "$work/launch.md"
