#!/usr/bin/env bash
# unpack-runtime.sh: unpacks runtime/ of Debian's OCaml source, checks the pinned version and adds tenor's configuration headers.
#
# usage: unpack-runtime.sh SOURCE_TAR VERSION OUTDIR S_H BUILD_CONFIG_H INCLUDE_OUT
#
# SOURCE_TAR is Debian's /usr/src/ocaml-source-VERSION.tar (package
# ocaml-source): the upstream tarball plus Debian's patches. The runtime is
# unpacked into OUTDIR/runtime with Debian's installed m.h and version.h (so
# that its ABI matches Debian's ocamlopt) and tenor's s.h and build_config.h.
# INCLUDE_OUT receives the runtime's headers, for C stubs built for a
# unikernel. The file OUTDIR/unpacked marks success.
set -euo pipefail

die() {
    echo "unpack-runtime.sh: $*" >&2
    exit 1
}

(($# == 6)) || die "usage: unpack-runtime.sh SOURCE_TAR VERSION OUTDIR S_H BUILD_CONFIG_H INCLUDE_OUT"
source_tar=$1
version=$2
outdir=$3
s_h=$4
build_config_h=$5
include_out=$6
readonly debian_caml=/usr/lib/ocaml/caml
readonly install_hint="run scripts/install-deps (Debian 12: apt-get install ocaml-nox ocaml-source)"

[[ -f $source_tar ]] || die "$source_tar does not exist: the OCaml $version source is needed; $install_hint"

# The compiler that builds the programs must be the version whose runtime is built here.
compiler_version=$(ocamlfind ocamlopt -version 2>/dev/null) ||
    die "ocamlfind ocamlopt does not run: $install_hint (and ocaml-findlib)"
[[ $compiler_version == "$version" ]] ||
    die "the installed ocamlopt is $compiler_version, but tenor builds the OCaml $version runtime:" \
        "install OCaml $version (Debian 12's ocaml-nox), or port ocaml/runtime to $compiler_version"
grep -q "^#define OCAML_VERSION_STRING \"$version\"" "$debian_caml/version.h" ||
    die "$debian_caml/version.h is not OCaml $version's: reinstall ocaml-nox"

rm -rf "$outdir"
mkdir -p "$outdir"
# -m: files get the time of unpacking, so that the build sees them as new.
tar -xmf "$source_tar" -C "$outdir"
top=$outdir/ocaml-$version
orig=$top/ocaml_$version.orig.tar.gz
[[ -f $orig ]] || die "$source_tar does not contain ocaml-$version/ocaml_$version.orig.tar.gz: is it OCaml $version's?"
tar -xmzf "$orig" -C "$outdir" "ocaml-$version/VERSION" "ocaml-$version/runtime"
unpacked_version=$(head -n 1 "$top/VERSION")
[[ $unpacked_version == "$version" ]] ||
    die "$source_tar holds OCaml $unpacked_version, not the pinned $version: install ocaml-source $version"

# Debian's patches are applied by its own build; tenor builds runtime/ from
# the upstream tarball, which is only right while no patch touches it.
if grep -l '^+++ b/runtime/' "$top"/debian-patches/*.patch 2>/dev/null; then
    die "a Debian patch (listed above) changes runtime/: apply it in unpack-runtime.sh before building"
fi

cp "$debian_caml/m.h" "$debian_caml/version.h" "$s_h" "$top/runtime/caml/"
cp "$build_config_h" "$top/runtime/"
rm -rf "$include_out"
mkdir -p "$include_out"
cp "$top"/runtime/caml/*.h "$top/runtime/caml/domain_state.tbl" "$include_out/"
touch "$outdir/unpacked"
