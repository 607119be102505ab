#!/usr/bin/env bash
# check-link.sh: builds a tiny unikernel with the toolchain wrappers and checks its ELF layout with readelf.
#
# Usage: check-link.sh BUILD_DIR TARGET WORK_DIR [CMAKE]
# Checks, for the cc wrapper (both -z spellings), the ld wrapper and an
# installed copy of the toolchain: the entry point, PT_INTERP, page-aligned
# PT_LOADs that share no page and are never W+X, PT_TLS inside the data
# segment, the Solo5 notes in PT_NOTE, and the linker script's symbols.
set -euo pipefail

build=$1
target=$2
work=$3
cmake=${4:-cmake}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"

case $target in
    hvt) abi_target_bytes=01 ;;
    spt) abi_target_bytes=02 ;;
    *) echo "check-link.sh: unknown target '$target'" >&2; exit 2 ;;
esac

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# Hex string to number.
num() {
    echo $((16#${1#0x}))
}

check_binary() {
    local elf=$1 what=$2
    local header segments sections symbols
    header=$(readelf -hW "$elf")
    segments=$(readelf -lW "$elf")
    # Without the "[ N]" column, so that the name is always field 1.
    sections=$(readelf -SW "$elf" | sed -n 's/^ *\[ *[0-9]*\] //p')
    symbols=$(readelf -sW "$elf")

    grep -q 'Type:.*EXEC' <<<"$header" || fail "$what: not a static executable"
    local entry start
    entry=$(awk '/Entry point address:/ {print $4}' <<<"$header")
    start=$(awk '$8 == "_start" {print $2}' <<<"$symbols")
    [[ -n $start && $(num "$entry") == $(num "$start") ]] || fail "$what: entry $entry is not _start ($start)"

    grep -q 'Requesting program interpreter: /nonexistent/solo5/\]' <<<"$segments" ||
        fail "$what: no PT_INTERP of /nonexistent/solo5/"

    # PT_LOADs: R E, R, RW in that order, page-aligned, the first at
    # 0x100000, each starting on a page after the previous one ends.
    local loads flags=() previous_end=0 count=0
    # The flags column holds blanks ("R E"): join the fields between MemSiz and Align.
    loads=$(awk '$1 == "LOAD" {flags = ""; for (i = 7; i < NF; i++) flags = flags $i; print $3, $6, flags}' <<<"$segments")
    while read -r vaddr memsz flag; do
        count=$((count + 1))
        flags+=("$flag")
        local start_address=$(num "$vaddr") size=$(num "$memsz")
        ((start_address % 4096 == 0)) || fail "$what: PT_LOAD at $vaddr is not page-aligned"
        ((start_address >= previous_end)) || fail "$what: PT_LOAD at $vaddr shares a page with the previous one"
        previous_end=$(((start_address + size + 4095) / 4096 * 4096))
        if [[ $flag == *W*E* ]]; then fail "$what: PT_LOAD at $vaddr is writable and executable"; fi
    done <<<"$loads"
    [[ $count == 3 && ${flags[0]} == RE && ${flags[1]} == R && ${flags[2]} == RW ]] ||
        fail "$what: PT_LOAD flags are '${flags[*]}' (want 'RE R RW': text R+X, rodata R, data RW)"
    local first
    first=$(awk '$1 == "LOAD" {print $3; exit}' <<<"$segments")
    [[ $(num "$first") == $((0x100000)) ]] || fail "$what: the first PT_LOAD is at $first, not 0x100000"

    # PT_TLS lies inside the data segment (the last PT_LOAD).
    local tls data_start data_memsz
    tls=$(awk '$1 == "TLS" {print $3, $6}' <<<"$segments")
    [[ -n $tls ]] || fail "$what: no PT_TLS"
    read -r data_start data_memsz < <(awk '$1 == "LOAD" {a = $3; m = $6} END {print a, m}' <<<"$segments")
    if [[ -n $tls ]]; then
        read -r tls_start tls_memsz <<<"$tls"
        (($(num "$tls_start") >= $(num "$data_start") &&
            $(num "$tls_start") < $(num "$data_start") + $(num "$data_memsz"))) ||
            fail "$what: PT_TLS at $tls_start is outside the data segment"
        (($(num "$tls_memsz") > 0)) || fail "$what: PT_TLS is empty although the application has TLS"
    fi

    # The Solo5 notes are in the PT_NOTE segment, the manifest 8-aligned.
    grep -Eq '^ *[0-9]+ +\.note\.solo5\.manifest \.note\.solo5\.abi *$' <<<"$segments" ||
        fail "$what: PT_NOTE does not hold exactly .note.solo5.manifest and .note.solo5.abi"
    local manifest_address
    manifest_address=$(awk '$1 == ".note.solo5.manifest" {print $3}' <<<"$sections")
    [[ -n $manifest_address ]] && (($(num "$manifest_address") % 8 == 0)) ||
        fail "$what: .note.solo5.manifest at '$manifest_address' is not 8-aligned"
    # The ABI1 note: target 0x7401 (tenor hvt) or 0x7402 (tenor spt), ABI
    # version 1, little-endian.
    readelf -nW "$elf" 2>/dev/null | grep -q "Solo5 .*0x31494241.*$abi_target_bytes 74 00 00 01 00 00 00" ||
        fail "$what: no ABI1 note for tenor $target ABI version 1"

    # The linker script's symbols: region boundaries on pages, in order.
    local symbol previous=0
    for symbol in _stext _etext _srodata _erodata _sdata _end; do
        local value
        value=$(awk -v s="$symbol" '$8 == s {print $2}' <<<"$symbols")
        [[ -n $value ]] || { fail "$what: symbol $symbol missing"; continue; }
        (($(num "$value") % 4096 == 0)) || fail "$what: $symbol = 0x$value is not page-aligned"
        (($(num "$value") >= previous)) || fail "$what: $symbol = 0x$value is out of order"
        previous=$(num "$value")
    done

    # Nothing of the bindings but the public API is global.
    nm -g --defined-only "$elf" | awk '{print $3}' | grep -qx memcpy &&
        fail "$what: the bindings' memcpy is global"
    return 0
}

build_with() {
    local prefix=$1 out=$2
    local cc=$prefix/bin/x86_64-solo5-none-static-cc
    "$cc" -O2 -Wall -Werror -c "$here/app.c" -o "$out/app.o"
    "$cc" -O2 -Wall -Werror -c "$here/manifest.c" -o "$out/manifest.o"
}

# cc wrapper, -z spelling.
build_with "$build" "$work"
"$build/bin/x86_64-solo5-none-static-cc" -z "solo5-abi=$target" -o "$work/app-cc.$target" "$work/app.o" "$work/manifest.o"
check_binary "$work/app-cc.$target" "cc -z solo5-abi=$target"

# cc wrapper, -Wl spelling, compiling and linking in one go.
"$build/bin/x86_64-solo5-none-static-cc" -O2 "-Wl,-z,solo5-abi=$target" -o "$work/app-wl.$target" \
    "$here/app.c" "$work/manifest.o"
check_binary "$work/app-wl.$target" "cc -Wl,-z,solo5-abi=$target"

# ld wrapper.
"$build/bin/x86_64-solo5-none-static-ld" -z "solo5-abi=$target" -o "$work/app-ld.$target" "$work/app.o" "$work/manifest.o"
check_binary "$work/app-ld.$target" "ld -z solo5-abi=$target"

# objcopy wrapper: passes through.
"$build/bin/x86_64-solo5-none-static-objcopy" --strip-debug "$work/app-ld.$target" "$work/app-stripped.$target"
check_binary "$work/app-stripped.$target" "objcopy --strip-debug"

# pkg-config from the build tree.
export PKG_CONFIG_PATH=$build/lib/pkgconfig
cflags=$(pkg-config --cflags solo5 | xargs)
[[ -f ${cflags#-I}/solo5.h ]] || fail "pkg-config --cflags solo5 gives '$cflags', which has no solo5.h"
for variable in cc ld objcopy; do
    [[ -x $(pkg-config --variable=$variable solo5) ]] || fail "pkg-config variable $variable is not an executable"
done
for variable in ${target}_bindings ${target}_lds; do
    [[ -f $(pkg-config --variable=$variable solo5) ]] || fail "pkg-config variable $variable is not a file"
done

# An installed toolchain works the same, from its own prefix.
install_prefix=$work/prefix
"$cmake" --install "$build" --component toolchain --prefix "$install_prefix" >/dev/null
mkdir -p "$work/installed"
build_with "$install_prefix" "$work/installed"
"$install_prefix/bin/x86_64-solo5-none-static-cc" -z "solo5-abi=$target" -o "$work/installed/app.$target" \
    "$work/installed/app.o" "$work/installed/manifest.o"
check_binary "$work/installed/app.$target" "installed cc"
PKG_CONFIG_PATH=$install_prefix/lib/pkgconfig
[[ $(pkg-config --variable=libdir solo5) -ef $install_prefix/lib/tenor ]] ||
    fail "the installed solo5.pc does not point at its own prefix"

if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "toolchain link checks passed for $target"
