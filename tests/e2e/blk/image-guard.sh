#!/usr/bin/env bash
# Creates a disk image holding random data, runs COMMAND on it, then checks from the host that nothing outside the allowed ranges changed.
#
# usage: image-guard.sh --image PATH --size BYTES [--data OFFSET:LEN]...
#                       [--may-write OFFSET:LEN]... -- COMMAND...
#
# The image is created afresh: sparse, SIZE bytes, with random bytes in each
# --data range (default: all of it) and holes elsewhere. COMMAND (usually
# tenor-hvt with a guest) may change the --may-write ranges, given in
# increasing order without overlaps; after it ends, the image must have the
# same size and the same bytes everywhere else. The script prints one
# "host check:" line per check passed, and exits with COMMAND's status; if a
# check fails it prints a line starting "HOST CHECK FAILED:" and exits 125.
set -uo pipefail

readonly CHECK_FAILED_STATUS=125

image=""
size=""
data=()
may_write=()

usage_error() {
    echo "image-guard.sh: $*" >&2
    echo "usage: image-guard.sh --image PATH --size BYTES [--data OFFSET:LEN]..." \
         "[--may-write OFFSET:LEN]... -- COMMAND..." >&2
    exit 2
}

check_failed() {
    echo "HOST CHECK FAILED: $*"
    exit "$CHECK_FAILED_STATUS"
}

# Accepts OFFSET:LEN with both parts decimal.
check_range() {
    [[ $2 =~ ^[0-9]+:[0-9]+$ ]] || usage_error "$1 needs OFFSET:LEN in bytes, not '$2'"
}

parse_args() {
    while (($# > 0)); do
        case $1 in
            --image) (($# >= 2)) || usage_error "$1 needs a value"; image=$2; shift 2 ;;
            --size) (($# >= 2)) || usage_error "$1 needs a value"; size=$2; shift 2 ;;
            --data) (($# >= 2)) || usage_error "$1 needs a value"; check_range "$1" "$2"; data+=("$2"); shift 2 ;;
            --may-write) (($# >= 2)) || usage_error "$1 needs a value"; check_range "$1" "$2"; may_write+=("$2"); shift 2 ;;
            --) shift; break ;;
            *) usage_error "unknown option '$1'" ;;
        esac
    done
    [[ -n $image ]] || usage_error "--image is required"
    [[ $size =~ ^[0-9]+$ ]] || usage_error "--size needs a number of bytes, not '$size'"
    (($# > 0)) || usage_error "no COMMAND after --"
    command=("$@")
    ((${#data[@]} > 0)) || data=("0:$size")
    compute_protected
}

# Writes LEN random bytes at OFFSET, without truncating the image.
fill_random() {
    local offset=${1%%:*} len=${1##*:}
    head -c "$len" /dev/urandom |
        dd of="$image" bs=64K seek="$offset" oflag=seek_bytes conv=notrunc iflag=fullblock status=none
}

create_image() {
    mkdir -p "$(dirname "$image")"
    rm -f "$image"
    truncate -s "$size" "$image" || exit 1
    local range
    for range in "${data[@]}"; do
        fill_random "$range" || { echo "image-guard.sh: cannot write data to $image" >&2; exit 1; }
    done
}

# Sets `protected` to the ranges outside the --may-write ones, as OFFSET:LEN.
compute_protected() {
    local next=0 range offset len
    protected=()
    for range in "${may_write[@]}"; do
        offset=${range%%:*} len=${range##*:}
        ((offset >= next)) || usage_error "--may-write ranges must be increasing and disjoint"
        ((offset + len <= size)) || usage_error "--may-write $range runs past the image's $size bytes"
        ((offset > next)) && protected+=("$next:$((offset - next))")
        next=$((offset + len))
    done
    ((size > next)) && protected+=("$next:$((size - next))")
    return 0
}

# Compares the image with the reference copy outside the allowed ranges.
check_image() {
    local reference=$1 now range offset len compared=0
    now=$(stat -c %s "$image") || check_failed "the image $image is gone"
    ((now == size)) || check_failed "the image is $now bytes now, $size before the run"
    echo "host check: image size unchanged ($size bytes)"
    for range in "${protected[@]}"; do
        offset=${range%%:*} len=${range##*:}
        if ! cmp --quiet --ignore-initial="$offset:$offset" --bytes="$len" "$reference" "$image"; then
            check_failed "bytes $offset to $((offset + len - 1)) of the image changed, outside" \
                         "the ranges the guest may write (${may_write[*]:-none}):" \
                         "$(cmp --ignore-initial="$offset:$offset" --bytes="$len" "$reference" "$image" 2>&1)" \
                         "(positions counted from byte $offset)"
        fi
        compared=$((compared + len))
    done
    echo "host check: the $compared bytes outside the ranges the guest may write are unchanged"
}

main() {
    parse_args "$@"
    create_image
    local scratch
    scratch=$(mktemp -d) || exit 1
    trap 'rm -rf "$scratch"' EXIT
    cp --sparse=always "$image" "$scratch/reference.img" || exit 1
    "${command[@]}"
    local status=$?
    check_image "$scratch/reference.img"
    exit "$status"
}

main "$@"
