#!/usr/bin/env bash
# The main job: wraps a small real installation (a shell script and a compiled C program) with the
# built tool and runs its programs through the wrappers. Usage: examples/demo.sh DIST_DIR
set -euo pipefail
dist=${1:?usage: examples/demo.sh DIST_DIR}
work=$(mktemp -d "${TMPDIR:-/tmp}/tykky-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Unprivileged FUSE needs /dev/fuse usable by the user (0666 on normal distros; some VMs have 0600).
if [ ! -r /dev/fuse ] || [ ! -w /dev/fuse ]; then
    echo "[ ERROR ] /dev/fuse is not usable by $(id -un); as root: chmod 0666 /dev/fuse" >&2; exit 1
fi

mkdir -p "$work/src/bin"
cat > "$work/src/bin/greet" <<'SCRIPT'
#!/bin/sh
echo "greet: hello from $0 with $# argument(s): $*"
SCRIPT
cat > "$work/hello.c" <<'C'
#include <stdio.h>
int main(int argc, char **argv) {
    printf("hello-c: argv[0]=%s\n", argv[0]);
    for (int i = 1; i < argc; i++) printf("  [%s]\n", argv[i]);
    return 0;
}
C
gcc -O2 -o "$work/src/bin/hello-c" "$work/hello.c"
chmod +x "$work/src/bin/greet"

echo "[ DEMO ] wrap-install -w bin --prefix $work/install $work/src"
(cd "$work" && "$dist/bin/wrap-install" -w bin --prefix "$work/install" "$work/src")
echo "[ DEMO ] the installation holds: $(cd "$work/install" && ls -A | tr '\n' ' ')"
export PATH="$work/install/bin:$PATH"
echo "[ DEMO ] greet 'two words' x"
greet 'two words' x
echo "[ DEMO ] hello-c 'a b' '' '*'"
hello-c 'a b' '' '*'
echo "[ DEMO ] _debug_exec ls /LOCAL_TYKKY/bin (inside the container)"
_debug_exec ls /LOCAL_TYKKY/bin
echo "[ DEMO ] done"
