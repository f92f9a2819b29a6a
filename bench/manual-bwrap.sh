#!/bin/bash
# The hand-written baseline: the same unprivileged bubblewrap + squashfuse launch as a Tykky wrapper
# (every top-level directory bound, image mounted with squashfuse inside, _bin over bin), written as
# a shell script the way one would without Tykky. Usage: manual-bwrap.sh PREFIX PROGRAM ARGS...
prefix=$1; program=$2; shift 2
args=(--unshare-user --unshare-pid --die-with-parent --cap-add CAP_SYS_ADMIN
      --dev-bind /dev /dev --proc /proc --ro-bind /sys /sys)
for d in /*; do
    case $d in /dev|/proc|/sys) continue ;; esac
    if [ -L "$d" ]; then args+=(--symlink "$(readlink "$d")" "$d")
    elif [ -d "$d" ]; then args+=(--bind "$d" "$d"); fi
done
args+=(--dir /LOCAL_TYKKY --bind "$prefix/_bin" "$prefix/bin")
exec bwrap "${args[@]}" -- /bin/sh -c 'squashfuse "$0" /LOCAL_TYKKY && exec "$@"' "$prefix/img.sqfs" "$program" "$@"
