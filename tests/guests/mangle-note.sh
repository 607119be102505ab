#!/usr/bin/env bash
# Makes a copy of a unikernel with one field of a Solo5 ELF note rewritten, for the loader's negative tests.
#
#   mangle-note.sh abi IN OUT TARGET VERSION
#       Rewrites the ABI1 note (section .note.solo5.abi) to name another
#       target and ABI version, with objcopy --update-section.
#   mangle-note.sh manifest IN OUT FIELD VALUE
#       Overwrites one u32 of the MFT1 note (section .note.solo5.manifest) in
#       place with dd. FIELD is version, entries, entry0-type or
#       entry0-attached (the last writes one byte).
#
# Offsets come from the note headers themselves (ELF gABI, "Note Section"),
# so the script follows whatever layout the toolchain produced and refuses a
# section that does not hold the expected note.
set -euo pipefail

readonly ABI_SECTION=.note.solo5.abi
readonly ABI_TYPE=$((0x31494241))
readonly MFT_SECTION=.note.solo5.manifest
readonly MFT_TYPE=$((0x3154464d))
# Layout of the MFT1 descriptor (include/tenor/mft_abi.h): 4 bytes of
# padding, then struct mft { u32 version; u32 entries; struct mft_entry e[]; }
# with type at 68 and attached at 96 inside each 104-byte entry.
readonly MFT_NOTE_PAD=4
readonly MFT_HEADER_SIZE=8
readonly MFT_ENTRY_TYPE=68
readonly MFT_ENTRY_ATTACHED=96

# Scratch directory of mangle_abi, global so that the exit trap can remove it.
work=""

die() {
    echo "mangle-note.sh: $*" >&2
    exit 1
}

usage() {
    die "usage: mangle-note.sh abi IN OUT TARGET VERSION | manifest IN OUT FIELD VALUE"
}

# Prints "SIZE FILE_OFFSET" (decimal) of section $2 in ELF file $1.
section_location() {
    local file=$1 name=$2 line
    line=$(objdump -h -w "$file" | awk -v n="$name" '$2 == n { print $3, $6 }')
    [[ -n $line ]] || die "$file has no section $name: is it a unikernel built by the tenor toolchain?"
    set -- $line
    echo "$((16#$1)) $((16#$2))"
}

# Prints the little-endian u32 at byte offset $2 of file $1.
read_u32() {
    od -An -tu4 -j "$2" -N4 "$1" | tr -d ' \n'
}

# Writes value $3 as $4 little-endian bytes (1 or 4) at byte offset $2 of file $1.
write_le() {
    local file=$1 offset=$2 value=$3 width=$4 bytes="" i
    for ((i = 0; i < width; i++)); do
        bytes+=$(printf '\\x%02x' $(((value >> (8 * i)) & 0xff)))
    done
    printf "$bytes" | dd of="$file" bs=1 seek="$offset" conv=notrunc status=none
}

align4() {
    echo $((($1 + 3) & ~3))
}

# Prints the file offset of the descriptor of the first note of type $4 in
# the section of size $3 at offset $2 of file $1.
find_note_desc() {
    local file=$1 at=$2 size=$3 type=$4 end namesz descsz ntype desc
    end=$((at + size))
    while ((at + 12 <= end)); do
        namesz=$(read_u32 "$file" "$at")
        descsz=$(read_u32 "$file" $((at + 4)))
        ntype=$(read_u32 "$file" $((at + 8)))
        desc=$((at + 12 + $(align4 "$namesz")))
        if ((ntype == type)); then
            ((desc + descsz <= end)) || die "$file: the note of type $type overruns its section"
            echo "$desc"
            return
        fi
        at=$((desc + $(align4 "$descsz")))
    done
    die "$file: no note of type $(printf '0x%x' "$type") in its section"
}

mangle_abi() {
    local in=$1 out=$2 target=$3 version=$4 desc
    section_location "$in" "$ABI_SECTION" >/dev/null
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    objcopy --dump-section "$ABI_SECTION=$work/note" "$in" "$work/copy"
    desc=$(find_note_desc "$work/note" 0 "$(stat -c %s "$work/note")" "$ABI_TYPE")
    write_le "$work/note" "$desc" "$target" 4
    write_le "$work/note" $((desc + 4)) "$version" 4
    objcopy --update-section "$ABI_SECTION=$work/note" "$in" "$out"
}

mangle_manifest() {
    local in=$1 out=$2 field=$3 value=$4 location size offset desc mft
    location=$(section_location "$in" "$MFT_SECTION")
    read -r size offset <<<"$location"
    desc=$(find_note_desc "$in" "$offset" "$size" "$MFT_TYPE")
    mft=$((desc + MFT_NOTE_PAD))
    cp "$in" "$out.tmp"
    case $field in
        version) write_le "$out.tmp" "$mft" "$value" 4 ;;
        entries) write_le "$out.tmp" $((mft + 4)) "$value" 4 ;;
        entry0-type) write_le "$out.tmp" $((mft + MFT_HEADER_SIZE + MFT_ENTRY_TYPE)) "$value" 4 ;;
        entry0-attached) write_le "$out.tmp" $((mft + MFT_HEADER_SIZE + MFT_ENTRY_ATTACHED)) "$value" 1 ;;
        *) rm -f "$out.tmp"; die "unknown manifest field '$field': use version, entries, entry0-type or entry0-attached" ;;
    esac
    mv "$out.tmp" "$out"
}

(($# == 5)) || usage
case $1 in
    abi) mangle_abi "$2" "$3" "$4" "$5" ;;
    manifest) mangle_manifest "$2" "$3" "$4" "$5" ;;
    *) usage ;;
esac
