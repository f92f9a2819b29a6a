#!/usr/bin/python3
"""Runs the simulated-parallel-filesystem benchmark that bench/pfs.sh prepared in WORK and prints
its results as Markdown.

WORK/backing holds the files: plain/ (a python with numpy, scipy and pandas as a plain directory),
install/ (wrap-install --mask of plain/), true-src/ and true/ (coreutils' true and its wrapper),
true-static (a static C program that exits at once), empty-aot/empty-aot (bench/empty-aot: a NativeAOT
program built with the launcher's settings that only execs its argument). They are seen at WORK/pfs, either through the
simulated filesystem (pfs-passthrough, a latency per metadata operation) or through a bind mount
(local disk), so every run uses the same paths and files.

Runs are interleaved (plain directory and installation one after the other, within each repetition)
so that the machine's changing load falls on both sides of each ratio.

Everything measured runs as USER (an unprivileged account, as on a cluster): its launches join the
installation's keeper (the shared mount), which root's never do. Stopping the user's processes
ends the keepers, so a cold run also starts without one.
"""

import argparse
import datetime
import json
import os
import platform
import pwd
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

IMPORT = "import numpy, scipy.optimize, pandas"

# "node cold": nothing cached on the node; "cold": the simulated filesystem cold, the node's own files
# cached; "warm": the run right after "cold"
STATES = ("node cold", "cold", "warm")

# The measured programs run at a higher priority than the machine's other work (both sides alike),
# as on a compute node given to the job: on a loaded machine a client woken by a FUSE answer
# otherwise waits for a core for milliseconds, more than the latency being simulated.
PRIORITY = -20


def is_mount_point(path):
    """Whether PATH is a mount point: from mountinfo, since a bind mount within one filesystem keeps
    the device number that os.path.ismount compares."""
    with open("/proc/self/mountinfo") as mounts:
        return any(line.split()[4] == path for line in mounts)


class Mount:
    """What is mounted at WORK/pfs: the simulated filesystem with a latency, or local disk."""

    def __init__(self, work, passthrough, user):
        self.user = user
        self.work = work
        self.passthrough = passthrough
        self.point = os.path.join(work, "pfs")
        self.backing = os.path.join(work, "backing")
        self.socket = os.path.join(work, "stats.sock")
        self.server = None
        self.latency = None

    def mount(self, latency):
        """latency in ms, or None for a bind mount of the local disk."""
        self.latency = latency
        if latency is None:
            subprocess.run(["mount", "--bind", self.backing, self.point], check=True)
            return
        # Real-time priority: the simulated metadata server answers on time even when the clients
        # load both cores, as a remote server would; it uses a few percent of one core.
        self.server = subprocess.Popen(["chrt", "-f", "50", self.passthrough, self.backing, self.point, str(latency), self.socket],
                                       stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.work, "passthrough.log"), "a"))
        for _ in range(200):
            if is_mount_point(self.point) and os.path.exists(self.socket):
                return
            if self.server.poll() is not None:
                sys.exit(f"[ ERROR ] pfs-passthrough exited with {self.server.returncode}; see {self.work}/passthrough.log")
            time.sleep(0.02)
        sys.exit("[ ERROR ] pfs-passthrough did not mount within 4 s")

    def unmount(self):
        # the user's keepers hold the images of the installations open (and mounted)
        self.user.stop_processes()
        if is_mount_point(self.point):
            subprocess.run(["umount", self.point], check=True)
        if self.server is not None:
            # the connection ends when the last mount namespace holding the mount is gone: bubblewrap's
            # sandboxes bind /tmp recursively and may take a while to go on a loaded machine
            try:
                self.server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.server.terminate()
                self.server.wait(timeout=10)
            self.server = None
        if os.path.exists(self.socket):
            os.unlink(self.socket)

    def cold(self, latency, whole_node):
        """A fresh server and none of the files it serves in the page cache; with WHOLE_NODE no cached
        data or metadata anywhere (the node's own /usr too), otherwise the node's own files stay cached,
        as on a diskless compute node whose operating system lives in memory."""
        self.unmount()
        subprocess.run(["sync"], check=True)
        if whole_node:
            with open("/proc/sys/vm/drop_caches", "w") as drop:
                drop.write("3\n")
        else:
            for directory, _, names in os.walk(self.backing):
                for name in names:
                    path = os.path.join(directory, name)
                    if os.path.isfile(path) and not os.path.islink(path):
                        descriptor = os.open(path, os.O_RDONLY)
                        os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
                        os.close(descriptor)
        self.mount(latency)

    def stats(self):
        if self.server is None:
            return {"metadata": 0}
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(self.socket)
            return json.loads(connection.makefile().read())


class User:
    """The unprivileged account the measured programs run as."""

    def __init__(self, name):
        entry = pwd.getpwnam(name)
        self.name, self.uid, self.gid, self.home = name, entry.pw_uid, entry.pw_gid, entry.pw_dir

    def become(self):
        """In a child before its exec: drops root for the user."""
        os.setgroups([])
        os.setgid(self.gid)
        os.setuid(self.uid)

    def command(self, argv):
        """ARGV run as the user by setpriv, which execs it: perf and strace of this command count
        setpriv too, so measurements subtract a setpriv of the static true."""
        return ["setpriv", f"--reuid={self.uid}", f"--regid={self.gid}", "--clear-groups", "--"] + list(argv)

    def stop_processes(self):
        """Kills every process of the user (keepers, their squashfuse) and waits until they are gone."""
        subprocess.run(["pkill", "-KILL", "-u", str(self.uid)], check=False)
        for _ in range(500):
            if subprocess.run(["pgrep", "-u", str(self.uid)], stdout=subprocess.DEVNULL).returncode != 0:
                return
            time.sleep(0.02)
        sys.exit(f"[ ERROR ] processes of {self.name} outlived SIGKILL for 10 s")


class CpuMeter:
    """CPU time of everything started in a cgroup of its own: wait4's rusage would miss the sandbox,
    which bubblewrap leaves unreaped when it exits."""

    def __init__(self):
        v1 = "/sys/fs/cgroup/cpuacct"
        self.v1 = os.path.isdir(v1)
        self.path = os.path.join(v1 if self.v1 else "/sys/fs/cgroup", f"tykky-bench-{os.getpid()}")
        os.makedirs(self.path, exist_ok=True)

    def enter(self):
        """Moves the calling process (a child before its exec) into the cgroup."""
        with open(os.path.join(self.path, "cgroup.procs"), "w") as procs:
            procs.write(str(os.getpid()))

    def seconds(self):
        if self.v1:
            return int(open(os.path.join(self.path, "cpuacct.usage")).read()) / 1e9
        usage = next(line for line in open(os.path.join(self.path, "cpu.stat")) if line.startswith("usage_usec"))
        return int(usage.split()[1]) / 1e6

    def close(self):
        os.rmdir(self.path)


def run_ranks(argv, env, ranks, meter, user):
    """Starts RANKS copies of ARGV at once as USER; returns the wall time until the last one ended
    and their total CPU time, both in seconds."""
    cpu_before = meter.seconds()
    start = time.perf_counter()
    children = {}
    for _ in range(ranks):
        log = tempfile.TemporaryFile()
        def enter_as_user():
            meter.enter()
            user.become()
        child = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log, preexec_fn=enter_as_user)
        children[child.pid] = (child, log)
    failure = None
    while children:
        pid, status = os.waitpid(-1, 0)
        child, log = children.pop(pid)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0 and failure is None:
            log.seek(0)
            failure = f"[ ERROR ] {' '.join(argv)} exited with {child.returncode}:\n{log.read().decode(errors='replace')}"
        log.close()
    wall = time.perf_counter() - start
    if failure:
        sys.exit(failure)
    return wall, meter.seconds() - cpu_before


class Workloads:
    """The commands, all on paths under WORK/pfs."""

    def __init__(self, work, user):
        pfs = os.path.join(work, "pfs")
        self.env = {"PATH": "/usr/bin:/bin", "HOME": user.home, "USER": user.name, "LANG": "C.UTF-8",
                    "PYTHONPATH": os.path.join(pfs, "plain", "site-packages")}
        self.imports = {
            "plain": [os.path.join(pfs, "plain", "bin", "python3"), "-S", "-c", IMPORT],
            "installation": [os.path.join(pfs, "install", "bin", "python3"), "-S", "-c", IMPORT],
        }
        self.true_bare = os.path.join(pfs, "true-src", "bin", "true")
        self.true_wrapped = os.path.join(pfs, "true", "bin", "true")
        self.true_static = os.path.join(pfs, "true-static")
        self.empty_aot = os.path.join(pfs, "empty-aot", "empty-aot")
        # the joiner of the wrapper's generation (bin -> generations/N/bin, beside which it lies)
        self.true_joiner = os.path.join(pfs, "true", os.path.dirname(os.readlink(os.path.join(work, "backing", "true", "bin"))), "tykky-join")


def simulated_filesystem(mount, workloads, meter, user, latencies, reps):
    """{(latency, ranks, state, kind): [(wall, cpu, metadata ops per launch), ...]}"""
    results = {}
    for _ in range(reps):
        for latency in latencies:
            for ranks in (1, 8):
                for kind, argv in workloads.imports.items():
                    # each cold state is the first run after a restart; warm the one right after cold
                    for state in STATES:
                        if state != "warm":
                            mount.cold(latency, whole_node=state == "node cold")
                        before = mount.stats()["metadata"]
                        wall, cpu = run_ranks(argv, workloads.env, ranks, meter, user)
                        operations = (mount.stats()["metadata"] - before) / ranks
                        results.setdefault((latency, ranks, state, kind), []).append((wall, cpu, operations))
                        print(f"  {latency} ms, {ranks} rank(s), {state:4}, {kind:12}: {wall:7.2f} s, {operations:7.0f} ops/launch", file=sys.stderr)
    mount.unmount()
    return results


def calibration(mount, latency):
    """Seconds per metadata operation as clients see it: a stat of WORK/pfs/plain/bin/python3
    (four lookups) in a loop."""
    mount.cold(latency, whole_node=False)
    path = os.path.join(mount.point, "plain", "bin", "python3")
    before = mount.stats()["metadata"]
    start = time.perf_counter()
    for _ in range(100):
        os.stat(path)
    elapsed = time.perf_counter() - start
    operations = mount.stats()["metadata"] - before
    mount.unmount()
    return elapsed / operations


def local_disk(mount, workloads, meter, user, reps):
    """Warm imports, one and eight at once, plain vs installation, on local disk."""
    mount.mount(None)
    single = {"plain": [], "installation": []}
    eight = {"plain": [], "installation": []}
    for kind, argv in workloads.imports.items():
        run_ranks(argv, workloads.env, 1, meter, user)
    for _ in range(reps):
        for kind, argv in workloads.imports.items():
            single[kind].append(run_ranks(argv, workloads.env, 1, meter, user))
            eight[kind].append(run_ranks(argv, workloads.env, 8, meter, user))
    mount.unmount()
    return single, eight


def hyperfine(commands, runs, env, directory, prefix=()):
    """{name: median seconds} of hyperfine -N runs of {name: command}, hyperfine itself run by
    PREFIX (e.g. as the user) and writing its results in DIRECTORY."""
    export = os.path.join(directory, "hyperfine.json")
    argv = list(prefix) + ["hyperfine", "-N", "--warmup", "10", "--runs", str(runs), "--export-json", export]
    for name, command in commands.items():
        argv += ["-n", name, command]
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    with open(export) as results:
        data = json.load(results)
    os.unlink(export)
    return {r["command"]: (r["median"], r["min"]) for r in data["results"]}


def fake_runtime(fake):
    """A command prefix that runs its command in a private mount namespace where the bubblewrap
    binary is FAKE (a static program that exits at once): what is measured is the launcher's own
    work up to its exec of the runtime."""
    return ["unshare", "-m", "--propagation", "private", "sh", "-c", f'mount --bind "{fake}" /usr/bin/bwrap && exec "$@"', "sh"]


def fake_joiner(fake, joiner):
    """The same for a launch that joins the installation's keeper: JOINER (the copy of the
    generation's tykky-join that the launch execs) is FAKE."""
    return ["unshare", "-m", "--propagation", "private", "sh", "-c", f'mount --bind "{fake}" "{joiner}" && exec "$@"', "sh"]


def joiner_copy(user, joiner):
    """The local copy of JOINER (the generation's tykky-join) in USER's keeper directory, which a
    launch that joins the keeper execs (the launcher's LocalCopies)."""
    directory = f"/tmp/tykky-{user.uid}"
    with open(joiner, "rb") as original:
        contents = original.read()
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if name.endswith(".join"):
            with open(path, "rb") as copy:
                if copy.read() == contents:
                    return path
    sys.exit(f"[ ERROR ] no copy of {joiner} in {directory}: the launch did not copy the generation's joiner")


def perf_faults(argv, env, prefix=()):
    """Page faults of ARGV (perf stat), optionally run by PREFIX."""
    out = subprocess.run(list(prefix) + ["perf", "stat", "-x,", "-e", "page-faults", "--"] + argv, env=env, check=True, capture_output=True, text=True).stderr
    return int(next(line.split(",")[0] for line in out.splitlines() if line.split(",")[2:3] == ["page-faults"]))


def syscalls_until(argv, trace, env, runtime, program=None, prefix=()):
    """{syscall: calls} in strace -f of ARGV from its execve of PROGRAM (from the start without one)
    up to its execve of RUNTIME (to the end without one), optionally run by PREFIX; strace writes TRACE."""
    # -s: the launcher execs the joiner through a descriptor of its generation (/proc/self/fd/N/tykky-join),
    # so RUNTIME is found as the exec's argv[0], which strace would otherwise cut at 32 characters
    subprocess.run(list(prefix) + ["strace", "-f", "-s", "4096", "-o", trace, "--"] + argv, env=env, check=True, stdout=subprocess.DEVNULL)
    counts = {}
    started = program is None
    for line in open(trace):
        fields = line.split(None, 1)
        call = fields[1].split("(", 1)[0] if len(fields) == 2 and "(" in fields[1] else ""
        # RUNTIME's execve: by its path, or by its argv[0] (not a line that only names it among the arguments)
        if call == "execve" and (f'execve("{runtime}"' in line or f'["{runtime}"' in line):
            break
        # PROGRAM's own execve (its path is the first argument), not one whose arguments name it
        started = started or (call == "execve" and f'execve("{program}"' in line)
        if started and call and call.isidentifier():
            counts[call] = counts.get(call, 0) + 1
    return counts


def launcher_alone(mount, workloads, meter, work, user, runs):
    """Page faults, system calls and time of the launcher up to its exec of what starts the program
    (the joiner for the user, whose keeper runs; bubblewrap for root), and of the static true beside it."""
    mount.mount(None)
    fake, env, empty = workloads.true_static, workloads.env, workloads.empty_aot
    wrapped = [workloads.true_wrapped]
    trace = os.path.join(work, "trace.txt")
    user_files = os.path.join(work, "user")  # the user's to write
    # the keeper of the wrapper's installation (shared_mount_idle: 3600) serves every launch below
    run_ranks(wrapped, env, 1, meter, user)
    joiner = joiner_copy(user, workloads.true_joiner)
    joined = fake_joiner(fake, joiner)
    measured = {
        "faults": statistics.median(perf_faults(user.command(wrapped), env, prefix=joined) for _ in range(9)),
        "floor_faults": statistics.median(perf_faults(user.command([fake]), env) for _ in range(9)),
        "root_faults": statistics.median(perf_faults(wrapped, env, prefix=fake_runtime(fake)) for _ in range(9)),
        "root_floor_faults": statistics.median(perf_faults([fake], env) for _ in range(9)),
        "calls": syscalls_until(user.command(wrapped), trace, env, joiner, program=workloads.true_wrapped, prefix=joined),
        "root_calls": syscalls_until(wrapped, trace, env, "/usr/bin/bwrap"),
        "floor_calls": syscalls_until([fake], trace, env, None),
        "empty_faults": statistics.median(perf_faults(user.command([empty, fake]), env) for _ in range(9)),
        "empty_calls": syscalls_until(user.command([empty, fake]), trace, env, fake, program=empty),
        "times": hyperfine({"launcher": workloads.true_wrapped, "static-true": fake, "empty-aot": f"{empty} {fake}"}, runs, env, user_files,
                           prefix=joined + user.command([])),
        "true_times": hyperfine({"bare-true": workloads.true_bare, "wrapped-true": workloads.true_wrapped}, runs, env, user_files, prefix=user.command([])),
    }
    mount.unmount()
    return measured


def ms(seconds):
    return f"{seconds * 1000:.1f}"


def report(args, machine, calibrations, pfs, local, alone):
    median = statistics.median
    print("# The headline: a simulated parallel filesystem\n")
    print(f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M} by `bench/pfs.sh` on {machine}.")
    print(f"The workload: `python3 -S -c '{IMPORT}'`, the python and its packages ({args.files:,} files, "
          f"{args.tree_mb} MB; an image of {args.image_mb} MB) either as a **plain directory** on the simulated filesystem "
          "(PYTHONPATH) or as an **installation** (`wrap-install --mask` of that same directory) whose prefix lives there. "
          "The simulated filesystem is `bench/pfs-passthrough.c`: a FUSE passthrough that makes each metadata operation "
          "(lookup/getattr, open, opendir, readdir, readlink) take a fixed latency and counts them, leaves data reads alone and lets the "
          "client cache no metadata (entry and attribute timeouts 0). *Cold*: the passthrough restarted and the files it serves "
          "evicted from the page cache (posix_fadvise DONTNEED), the node's own files (/usr: shared libraries, the runtimes) still cached, "
          "as on a diskless compute node whose operating system lives in memory; *node cold*: the same with every cache of the machine "
          "dropped first (drop_caches), so both sides also read /usr from this VM's disk; *warm*: the run right after *cold*. *8 ranks*: eight copies started at once. Medians of "
          f"{args.reps} interleaved repetition(s); metadata operations are per launch, counted by the passthrough; CPU is that of all the "
          "processes of the run (squashfuse included), counted in a cgroup.\n")
    print("| latency | ranks | state | plain dir (s) | installation (s) | speed-up | metadata ops plain | metadata ops installation | CPU plain (s) | CPU installation (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for latency in args.latencies:
        for ranks in (1, 8):
            for state in STATES:
                plain = pfs[(latency, ranks, state, "plain")]
                inst = pfs[(latency, ranks, state, "installation")]
                p, i = median(r[0] for r in plain), median(r[0] for r in inst)
                print(f"| {latency} ms | {ranks} | {state} | {p:.2f} | {i:.2f} | **{p / i:.1f}×** | "
                      f"{median(r[2] for r in plain):,.0f} | {median(r[2] for r in inst):,.0f} | "
                      f"{median(r[1] for r in plain):.1f} | {median(r[1] for r in inst):.1f} |")
    print()
    for latency, per_operation in calibrations.items():
        print(f"At {latency} ms a metadata operation costs a client {per_operation * 1000:.2f} ms here (a stat in a loop; "
              "the rest is the FUSE round trip and the wake-up of the client on a loaded machine).")
    single, eight = local
    p1, i1 = median(r[0] for r in single["plain"]), median(r[0] for r in single["installation"])
    p8, i8 = median(r[1] for r in eight["plain"]), median(r[1] for r in eight["installation"])
    faults, floor_faults, times, true_times = alone["faults"], alone["floor_faults"], alone["times"], alone["true_times"]
    print("\n## Local disk and the launcher\n")
    print("| what | plain / bare | wrapped | ratio | target |")
    print("|---|---|---|---|---|")
    print(f"| the same import, warm, local disk (median s) | {p1:.3f} | {i1:.3f} | {i1 / p1:.2f}× | ≤ 1.15× |")
    print(f"| 8 concurrent imports, warm, local disk: total CPU (s) | {p8:.2f} | {i8:.2f} | {i8 / p8:.2f}× | ≤ 1.3× |")
    print(f"| `true` (coreutils) vs its wrapper (median ms, hyperfine -N) | {ms(true_times['bare-true'][0])} | "
          f"{ms(true_times['wrapped-true'][0])} | {true_times['wrapped-true'][0] / true_times['bare-true'][0]:.1f}× | ≤ 5× |")
    print(f"| the launcher alone up to its exec of the joiner vs a static `true` (median ms) | {ms(times['static-true'][0])} | "
          f"{ms(times['launcher'][0])} | {times['launcher'][0] / times['static-true'][0]:.1f}× | ≤ 2.2× |")
    print(f"| the NativeAOT floor: an empty `Main` with the launcher's build settings up to its exec of the same static `true` (median ms; page faults; system calls) | "
          f"{ms(times['static-true'][0])} | {ms(times['empty-aot'][0])}; {alone['empty_faults'] - floor_faults:.0f}; {sum(alone['empty_calls'].values())} | "
          f"{times['empty-aot'][0] / times['static-true'][0]:.1f}× | |")
    print(f"| page faults of the launcher (perf stat, median of 9) | {floor_faults:.0f} | {faults - floor_faults:.0f} | | ≤ 220 |")
    print(f"| system calls of the same (strace -f, up to the execve of tykky-join) | {sum(alone['floor_calls'].values())} | {sum(alone['calls'].values())} | | ≤ 120 |")
    print(f"| root's launcher (its own sandbox) up to its exec of bwrap: page faults, system calls | | "
          f"{alone['root_faults'] - alone['root_floor_faults']:.0f}, {sum(alone['root_calls'].values())} | | |")
    print(f"\nEverything above runs as the unprivileged `{args.user}`, whose launches join the installation's keeper. "
          "The launcher's page faults are perf's count for the wrapper whose next program is replaced by the static `true` "
          "(a private mount namespace binds it over the copy of the generation's tykky-join that the launch execs, in the user's keeper directory, or over /usr/bin/bwrap for root), started by setpriv as the user, "
          f"less that of setpriv starting the static `true` ({floor_faults:.0f}; {alone['root_floor_faults']:.0f} for the static `true` alone, root's floor); "
          "its system calls are counted from the wrapper's execve. "
          "The floor's are counted the same way (bench/empty-aot: the runtime's start, reading cgroups, sizing the GC heap, installing signal handlers and "
          "starting the finalizer thread, then one execv). Instruction counts: not available (this VM exposes no hardware counters to perf).")
    top = sorted(alone["calls"].items(), key=lambda item: -item[1])
    print("The launcher's system calls by kind: " + ", ".join(f"{name} {count}" for name, count in top) + ".")
    print(f"\nMachine load while measuring (1/5/15-minute load average at the end): {args.load_end}; at the start: {args.load_start}.")
    print("Re-run with `bench/pfs.sh [REPS]` as root (it installs what it needs and builds dist/ if missing).")


def stop(signum, frame):
    sys.exit(f"[ ERROR ] stopped by signal {signum}")


def main():
    signal.signal(signal.SIGTERM, stop)
    os.nice(PRIORITY)  # inherited by everything measured, the calibration's stat loop included
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work")
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--user", required=True, help="the unprivileged account that runs what is measured")
    parser.add_argument("--latencies", type=float, nargs="+", default=[1.0, 0.2])
    parser.add_argument("--files", type=int, required=True)
    parser.add_argument("--tree-mb", type=int, required=True)
    parser.add_argument("--image-mb", type=int, required=True)
    args = parser.parse_args()
    args.load_start = " ".join(open("/proc/loadavg").read().split()[:3])
    user = User(args.user)
    mount = Mount(args.work, os.path.join(args.work, "pfs-passthrough"), user)
    workloads = Workloads(args.work, user)
    meter = CpuMeter()
    try:
        # the short parts first: a failure shows in minutes
        alone = launcher_alone(mount, workloads, meter, args.work, user, 100)
        local = local_disk(mount, workloads, meter, user, max(3, 3 * args.reps))
        calibrations = {latency: calibration(mount, latency) for latency in args.latencies}
        pfs = simulated_filesystem(mount, workloads, meter, user, args.latencies, args.reps)
    finally:
        mount.unmount()
        meter.close()
    args.load_end = " ".join(open("/proc/loadavg").read().split()[:3])
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    machine = f"{platform.node()}: {cpu}, {os.cpu_count()} cores, Linux {platform.release()}"
    report(args, machine, calibrations, pfs, local, alone)


if __name__ == "__main__":
    main()
