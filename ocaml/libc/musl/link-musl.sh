#!/usr/bin/env bash
# link-musl.sh: the checked partial link of Debian's musl libc.a into one object whose only globals are exports.txt.
#
# usage: link-musl.sh LIBC_A EXPORTS REPLACED OUTPUT
#        link-musl.sh --check OBJECT EXPORTS REPLACED
#
# 1. Checks that the installed musl is the pinned version.
# 2. Copies libc.a without the members that define a symbol of REPLACED.
# 3. Links what EXPORTS needs from it with `ld -r -u NAME...`, then makes
#    every global but EXPORTS local.
# 4. Fails unless the result defines exactly EXPORTS, needs nothing but
#    REPLACED, contains no system call instruction and reads the thread
#    pointer only for the stack protector's canary (%fs:0x28).
# Tools come from $LD, $OBJCOPY, $NM, $OBJDUMP, $AR (default: the host's).
set -euo pipefail

readonly PINNED_MUSL_VERSION=1.2.3

LD=${LD:-ld}
OBJCOPY=${OBJCOPY:-objcopy}
NM=${NM:-nm}
OBJDUMP=${OBJDUMP:-objdump}
AR=${AR:-ar}

die() {
    echo "link-musl.sh: $*" >&2
    exit 1
}

# The names of a list file: comments and blank lines dropped, first word kept.
names_of() {
    sed -e 's/#.*//' "$1" | awk 'NF > 0 { print $1 }'
}

check_musl_version() {
    local version
    version=$(dpkg-query -W -f='${Version}' musl-dev 2>/dev/null) ||
        die "musl-dev is not installed: run scripts/install-deps (or apt-get install musl-dev)"
    [[ $version == "$PINNED_MUSL_VERSION" || $version == "$PINNED_MUSL_VERSION"-* ]] ||
        die "musl-dev $version is installed, but tenor's libc is checked against musl $PINNED_MUSL_VERSION" \
            "(Debian 12): install that version, or review ocaml/libc/musl/*.txt for the new one and" \
            "update PINNED_MUSL_VERSION"
}

# Copies libc.a to $2 without every member that defines a replaced symbol.
# A few member names occur twice (musl's malloc has two free.lo and two
# realloc.lo); every instance of such a name goes, and check_result()
# catches anything that removes by accident.
filter_archive() {
    local archive=$1 filtered=$2 replaced=$3
    local -a members
    local member count i
    cp "$archive" "$filtered"
    mapfile -t members < <("$NM" -A --defined-only "$archive" 2>/dev/null |
        awk 'NR == FNR { want[$1] = 1; next }
             { split($1, path, ":"); if ($NF in want) print path[2] }' <(names_of "$replaced") - |
        sort -u)
    ((${#members[@]} > 0)) || die "no member of $archive defines a symbol of $replaced"
    for member in "${members[@]}"; do
        count=$("$AR" t "$filtered" | grep -cxF "$member" || true)
        for ((i = 0; i < count; i++)); do
            "$AR" d "$filtered" "$member"
        done
    done
}

check_result() {
    local object=$1 exports=$2 replaced=$3
    local missing extra needed calls thread
    missing=$(comm -23 <(names_of "$exports" | sort -u) <("$NM" -g --defined-only "$object" | awk '{ print $3 }' | sort -u))
    [[ -z $missing ]] || die "musl does not define these names of exports.txt: $(echo $missing)"
    extra=$(comm -13 <(names_of "$exports" | sort -u) <("$NM" -g --defined-only "$object" | awk '{ print $3 }' | sort -u))
    [[ -z $extra ]] || die "the partial link kept globals that exports.txt does not list: $(echo $extra)"
    needed=$(comm -13 <( (names_of "$replaced"; echo _GLOBAL_OFFSET_TABLE_) | sort -u) <("$NM" -u "$object" | awk '{ print $2 }' | sort -u))
    [[ -z $needed ]] || die "the musl object needs $(echo $needed), which tenor does not replace: add each" \
        "to replaced.txt with its provider, or drop the export that pulls it in"
    calls=$("$OBJDUMP" -d "$object" | grep -E $'\t(syscall|sysenter|int +\\$0x80)( |$)' || true)
    [[ -z $calls ]] || die "the musl object contains system call instructions (a unikernel has no kernel to call):" \
        $'\n'"$calls"
    thread=$("$OBJDUMP" -d "$object" | grep '%fs:' | grep -v '%fs:0x28,' || true)
    [[ -z $thread ]] || die "the musl object reads thread state other than the canary at %fs:0x28:" $'\n'"$thread"
}

main() {
    (($# == 4)) || die "usage: link-musl.sh LIBC_A EXPORTS REPLACED OUTPUT, or --check OBJECT EXPORTS REPLACED"
    if [[ $1 == --check ]]; then
        [[ -f $2 ]] || die "$2 does not exist: build the target tenor-ocaml-libc first"
        check_result "$2" "$3" "$4"
        echo "PASS: $2 defines exactly exports.txt, needs only replaced.txt, makes no system call" \
            "and reads %fs only at 0x28"
        return
    fi
    local archive=$1 exports=$2 replaced=$3 output=$4
    [[ -f $archive ]] || die "$archive does not exist: install musl-dev (scripts/install-deps)"
    check_musl_version
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    filter_archive "$archive" "$work/libc.a" "$replaced"
    local -a undefined=()
    local name
    while read -r name; do
        undefined+=(-u "$name")
    done < <(names_of "$exports")
    "$LD" -r -o "$work/combined.o" "${undefined[@]}" "$work/libc.a"
    "$OBJCOPY" --keep-global-symbols="$exports" "$work/combined.o" "$work/checked.o"
    check_result "$work/checked.o" "$exports" "$replaced"
    cp "$work/checked.o" "$output"
}

main "$@"
