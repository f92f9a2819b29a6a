-- Lmod module file for Tykky: `module load tykky` puts the Tykky programs on PATH and defines the
-- shell function `tykky` (activate/deactivate need a function: they change the calling shell).
--
-- The functions live in one file, etc/profile.d/tykky.sh. Rather than copy their bodies in here
-- (upstream read each function's file into set_shell_function) or depend on Lmod >= 8.6's
-- source_sh, the module defines `tykky` as a small stub: its first call sources tykky.sh, which
-- replaces the stub with the real function (and its __tykky_* helpers), then runs the real one.
-- That works in bash, zsh, ksh and sh with any Lmod that has set_shell_function. csh has no
-- functions: there `tykky` is an alias for the program (activate there: setenv PATH <dir>/bin:$PATH).
-- On unload Lmod removes PATH's entry and the function `tykky`.

local root = "@TYKKY_ROOT@" -- filled in by build.sh with the tool tree's path
if root:sub(1, 1) == "@" then
    -- a module file not laid out by build.sh: the tool tree is two levels above this file
    root = myFileName():match("^(.*)/[^/]+/[^/]+$")
end

help([[
Tykky: install software (conda, pip, a directory on disk, a container) into one squashfs image
and use it through wrappers in <prefix>/bin.

  conda-containerize, pip-containerize, spack-containerize, wrap-container, wrap-install   build an installation
  tykky activate NAME|DIR   put an installation's bin on PATH (NAME is looked up in TYKKY_PATH)
  tykky deactivate          undo it
]])
whatis("Name: Tykky")
whatis("Description: HPC container wrapper: software in a squashfs image, used through wrappers")

prepend_path("PATH", pathJoin(root, "bin"))
-- tykky.sh finds the tool tree through TYKKY_ROOT where the shell cannot tell a sourced file's path (dash)
setenv("TYKKY_ROOT", root)

local profile = pathJoin(root, "etc/profile.d/tykky.sh")
set_shell_function("tykky",
    '. "' .. profile .. '" && tykky "$@"',
    pathJoin(root, "bin/tykky") .. " \\!*")
