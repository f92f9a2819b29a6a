# Tykky shell integration: source this file (". <tool>/etc/profile.d/tykky.sh") from bash, zsh,
# ksh93 or dash. It puts the Tykky programs on PATH and defines the shell function `tykky`:
#
#   tykky activate NAME|DIR   prepend DIR/bin to PATH, set TYKKY_PREFIX, prefix PS1 with "(name) "
#   tykky deactivate          undo exactly that (harmless when nothing is active)
#   tykky ANYTHING ELSE       run the tykky program with the arguments unchanged
#
# NAME is looked up in the colon-separated TYKKY_PATH (default ~/.tykky) and in the current
# directory. TYKKY_CHANGE_PS1=0 leaves PS1 alone. Activation is a function, not a program, because
# it must change the calling shell.
#
# Written for POSIX sh with no `local` (ksh93 has none in POSIX functions): helper variables are
# named __tykky_* and unset before returning; lookups run in command substitutions, so their
# variables never reach the caller. Nothing here may `exit`: errors print one line and return.

__tykky_abspath() { # DIR [-P]: prints DIR as an absolute path (physical with -P); fails if DIR cannot be entered
    # "./" keeps CDPATH out of it; zsh's -q keeps chpwd hooks (which may print) from running.
    # Written with if/return so that a failure is not a failing command under the caller's set -e.
    case $1 in /*) set -- "$1" "${2-}" ;; *) set -- "./$1" "${2-}" ;; esac
    if [ -n "${ZSH_VERSION-}" ]; then
        if (cd -q -- "$1" 2>/dev/null && pwd $2); then return 0; fi
    else
        if (cd -- "$1" 2>/dev/null && pwd $2); then return 0; fi
    fi
    return 1
}

# The tool tree holding bin/tykky: two levels above this file when the shell can tell where the file
# is (bash, zsh, ksh93); otherwise (dash, or a copy of this file in /etc/profile.d) TYKKY_ROOT, then
# the path the tool was laid out at (filled in by build.sh).
__tykky_here=
if [ -n "${BASH_VERSION-}" ]; then
    eval '__tykky_here=${BASH_SOURCE[0]-}'
elif [ -n "${ZSH_VERSION-}" ]; then
    eval '__tykky_here=${(%):-%x}'
else
    case ${KSH_VERSION-} in *93*) eval '__tykky_here=${.sh.file}' ;; esac
fi
__tykky_root=
case $__tykky_here in
    */*) __tykky_here=${__tykky_here%/*} ;;
    ?*) __tykky_here=. ;;
esac
for __tykky_candidate in "${__tykky_here:+$__tykky_here/../..}" "${TYKKY_ROOT-}" '@TYKKY_ROOT@'; do
    if [ -n "$__tykky_candidate" ] && [ -x "$__tykky_candidate/bin/tykky" ]; then
        __tykky_root=$(__tykky_abspath "$__tykky_candidate") && break
    fi
done
if [ -n "$__tykky_root" ]; then
    case ":${PATH-}:" in
        *":$__tykky_root/bin:"*) ;;
        *) PATH=$__tykky_root/bin${PATH:+:$PATH}; export PATH ;;
    esac
    # bash completion of subcommands and installation names (interactive bash only)
    if [ -n "${BASH_VERSION-}" ] && [ -f "$__tykky_root/etc/bash_completion.d/tykky" ]; then
        case $- in *i*) . "$__tykky_root/etc/bash_completion.d/tykky" ;; esac
    fi
else
    printf '%s\n' "[ WARNING ] tykky.sh: cannot find the Tykky tool tree (a directory with bin/tykky); set TYKKY_ROOT to it before sourcing this file" >&2
fi
unset __tykky_here __tykky_root __tykky_candidate

__tykky_error() { # MESSAGE: the one-line error format
    printf '%s\n' "[ ERROR ] $1" >&2
}

__tykky_is_installation() { # DIR: a Tykky installation (tykky.json) or an upstream bash one (common.sh)
    [ -d "$1/bin" ] && { [ -f "$1/tykky.json" ] || [ -f "$1/common.sh" ]; }
}

__tykky_locate() { # NAME|DIR: prints the installation's absolute directory, or explains why not (run in $(...))
    case $1 in
        . | .. | */*)
            if [ ! -d "$1" ]; then
                __tykky_error "tykky activate: '$1' is not a directory; give the --prefix directory of a Tykky installation"
                return 1
            fi
            if ! __tykky_found=$(__tykky_abspath "$1"); then
                __tykky_error "tykky activate: cannot enter '$1'; check its permissions"
                return 1
            fi
            if ! __tykky_is_installation "$__tykky_found"; then
                __tykky_error "tykky activate: '$__tykky_found' is not a Tykky installation (no bin/ with tykky.json or common.sh); give the --prefix directory of a Tykky build"
                return 1
            fi
            printf '%s\n' "$__tykky_found"
            return 0
            ;;
    esac
    # A name: every TYKKY_PATH entry in order, then the current directory. The current directory wins,
    # as a relative path would (upstream's rule); otherwise the first entry. Several different
    # installations of that name get a warning naming the one used.
    __tykky_search=${TYKKY_PATH:-${HOME-}/.tykky}
    __tykky_rest=$__tykky_search:
    __tykky_found=
    __tykky_nl='
'
    __tykky_seen=$__tykky_nl
    __tykky_all=
    __tykky_other=
    __tykky_count=0
    __tykky_cwd=no
    while [ -n "$__tykky_rest" ] || [ "$__tykky_cwd" = no ]; do
        if [ -n "$__tykky_rest" ]; then
            __tykky_entry=${__tykky_rest%%:*}
            __tykky_rest=${__tykky_rest#*:}
            [ -n "$__tykky_entry" ] || continue
            __tykky_candidate=$__tykky_entry/$1
        else
            __tykky_cwd=yes
            __tykky_candidate=$1
        fi
        [ -d "$__tykky_candidate" ] || continue
        if ! __tykky_is_installation "$__tykky_candidate"; then
            [ -n "$__tykky_other" ] || __tykky_other=$__tykky_candidate
            continue
        fi
        __tykky_physical=$(__tykky_abspath "$__tykky_candidate" -P) || continue
        __tykky_candidate=$(__tykky_abspath "$__tykky_candidate") || continue
        case $__tykky_seen in
            *"$__tykky_nl$__tykky_physical$__tykky_nl"*) ;; # the same one again (a repeated entry, a symlink)
            *)
                __tykky_seen=$__tykky_seen$__tykky_physical$__tykky_nl
                __tykky_all=${__tykky_all:+$__tykky_all, }$__tykky_candidate
                __tykky_count=$((__tykky_count + 1))
                ;;
        esac
        if [ -z "$__tykky_found" ]; then
            __tykky_found=$__tykky_candidate
            __tykky_why="the first found on TYKKY_PATH"
        elif [ "$__tykky_cwd" = yes ]; then
            __tykky_found=$__tykky_candidate
            __tykky_why="the one in the current directory"
        fi
    done
    if [ -z "$__tykky_found" ]; then
        if [ -n "$__tykky_other" ]; then
            __tykky_error "tykky activate: '$__tykky_other' is not a Tykky installation (no bin/ with tykky.json or common.sh); give the --prefix directory of a Tykky build"
        else
            __tykky_error "tykky activate: no installation named '$1' in TYKKY_PATH ($__tykky_search) or the current directory; give its directory, or add the directory holding it to TYKKY_PATH"
        fi
        return 1
    fi
    if [ "$__tykky_count" -gt 1 ]; then
        printf '%s\n' "[ WARNING ] tykky activate: '$1' names $__tykky_count installations ($__tykky_all); activating $__tykky_found, $__tykky_why (give a path to choose another)" >&2
    fi
    printf '%s\n' "$__tykky_found"
}

__tykky_activate() { # NAME|DIR
    case ${1-} in
        -h | --help)
            printf '%s\n' "usage: tykky activate NAME|DIR" "  NAME is looked up in TYKKY_PATH (${TYKKY_PATH:-${HOME-}/.tykky}) and the current directory"
            return 0
            ;;
        '')
            __tykky_error "tykky activate: no installation given; usage: tykky activate NAME|DIR"
            return 2
            ;;
    esac
    if [ $# -gt 1 ]; then
        __tykky_error "tykky activate: too many arguments ($*); usage: tykky activate NAME|DIR"
        return 2
    fi
    __tykky_dir=$(__tykky_locate "$1") || { unset __tykky_dir; return 1; }
    __tykky_deactivate
    PATH=$__tykky_dir/bin${PATH:+:$PATH}
    TYKKY_PREFIX=$__tykky_dir
    export PATH TYKKY_PREFIX
    # The prompt only changes in shells that have one; TYKKY_PROMPT_MODIFIER remembers the exact
    # prefix so that deactivate removes it and nothing else.
    if [ -n "${PS1-}" ] && [ "${TYKKY_CHANGE_PS1-}" != 0 ]; then
        TYKKY_PROMPT_MODIFIER="(${__tykky_dir##*/}) "
        PS1=$TYKKY_PROMPT_MODIFIER$PS1
    fi
    unset __tykky_dir
}

__tykky_deactivate() {
    if [ $# -gt 0 ]; then
        __tykky_error "tykky deactivate: takes no arguments (got: $*); usage: tykky deactivate"
        return 2
    fi
    if [ -n "${TYKKY_PREFIX-}" ]; then
        # Remove the first occurrence of the entry activate prepended, keeping every other entry
        # (also empty ones, and a copy the user had on PATH before) in place.
        __tykky_path=:${PATH-}:
        __tykky_entry=$TYKKY_PREFIX/bin
        case $__tykky_path in
            *":$__tykky_entry:"*)
                __tykky_path=${__tykky_path%%":$__tykky_entry:"*}:${__tykky_path#*":$__tykky_entry:"}
                __tykky_path=${__tykky_path#:}
                PATH=${__tykky_path%:}
                export PATH
                ;;
        esac
        unset __tykky_path __tykky_entry TYKKY_PREFIX
    fi
    if [ -n "${TYKKY_PROMPT_MODIFIER-}" ]; then
        case ${PS1-} in
            "$TYKKY_PROMPT_MODIFIER"*) PS1=${PS1#"$TYKKY_PROMPT_MODIFIER"} ;;
        esac
    fi
    unset TYKKY_PROMPT_MODIFIER
}

__tykky_program() { # ARGS: the tykky program, with a hint instead of "command not found"
    __tykky_rest=${PATH-}:
    while [ -n "$__tykky_rest" ]; do
        __tykky_entry=${__tykky_rest%%:*}
        __tykky_rest=${__tykky_rest#*:}
        if [ -f "${__tykky_entry:-.}/tykky" ] && [ -x "${__tykky_entry:-.}/tykky" ]; then
            unset __tykky_rest __tykky_entry
            command tykky "$@"
            return
        fi
    done
    unset __tykky_rest __tykky_entry
    __tykky_error "tykky: the tykky program is not on PATH; source <tool>/etc/profile.d/tykky.sh again (with TYKKY_ROOT=<tool> under dash) or add <tool>/bin to PATH"
    return 127
}

tykky() {
    case ${1-} in
        activate) shift; __tykky_activate "$@" ;;
        deactivate) shift; __tykky_deactivate "$@" ;;
        *) __tykky_program "$@" ;;
    esac
}
