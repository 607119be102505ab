#!/usr/bin/env bash
# reboot.sh: boots one unikernel twice through run-guest.sh (a "reboot"), optionally on a fresh disk image kept between the boots, and compares the two boots' outputs.
#
# usage: reboot.sh [--image FILE --image-size BYTES] [--first ARG]... [--second ARG]...
#                  [--distinct REGEX] -- HARNESS-ARGS... -- COMMAND...
#
# FILE is created empty (BYTES long) before the first boot and kept for the
# second. Each boot runs `run-guest.sh HARNESS-ARGS [--first/--second ARGS]
# -- COMMAND`; both must pass. With --distinct, the lines matching REGEX
# (grep -E) in the two boots' outputs must exist and differ: a value that
# must change from boot to boot, such as a random sample. Exits 77 (skipped)
# if run-guest.sh does.
set -uo pipefail

readonly here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly run_guest=$here/../e2e/run-guest.sh

image=""
image_size=""
first=()
second=()
distinct=""

usage_error() {
    echo "reboot.sh: $*" >&2
    echo "usage: reboot.sh [--image FILE --image-size BYTES] [--first ARG]... [--second ARG]..." \
         "[--distinct REGEX] -- HARNESS-ARGS... -- COMMAND..." >&2
    exit 2
}

while (($# > 0)); do
    case $1 in
        --image) (($# >= 2)) || usage_error "$1 needs a value"; image=$2; shift 2 ;;
        --image-size) (($# >= 2)) || usage_error "$1 needs a value"; image_size=$2; shift 2 ;;
        --first) (($# >= 2)) || usage_error "$1 needs a value"; first+=("$2"); shift 2 ;;
        --second) (($# >= 2)) || usage_error "$1 needs a value"; second+=("$2"); shift 2 ;;
        --distinct) (($# >= 2)) || usage_error "$1 needs a value"; distinct=$2; shift 2 ;;
        --) shift; break ;;
        *) usage_error "unknown option '$1'" ;;
    esac
done
(($# > 0)) || usage_error "no HARNESS-ARGS -- COMMAND after --"
[[ -z $image || $image_size =~ ^[0-9]+$ ]] || usage_error "--image needs --image-size BYTES"

if [[ -n $image ]]; then
    mkdir -p "$(dirname "$image")" && rm -f "$image" && truncate -s "$image_size" "$image" ||
        { echo "FAIL: cannot create the disk image $image"; exit 1; }
fi

# The harness's own arguments end at the first "--"; the rest is COMMAND.
harness=()
while (($# > 0)) && [[ $1 != -- ]]; do
    harness+=("$1")
    shift
done
(($# > 1)) || usage_error "no COMMAND after HARNESS-ARGS --"
shift
command=("$@")

outputs=()
for boot in first second; do
    output=$(mktemp)
    outputs+=("$output")
    if [[ $boot == first ]]; then
        extra=("${first[@]}")
    else
        extra=("${second[@]}")
    fi
    echo "== $boot boot"
    bash "$run_guest" "${harness[@]}" "${extra[@]}" -- "${command[@]}" >"$output" 2>&1
    status=$?
    cat "$output"
    ((status == 77)) && exit 77
    ((status == 0)) || { echo "FAIL: the $boot boot failed (run-guest.sh exit status $status)"; rm -f "${outputs[@]}"; exit 1; }
done

if [[ -n $distinct ]]; then
    a=$(grep -E -- "$distinct" "${outputs[0]}")
    b=$(grep -E -- "$distinct" "${outputs[1]}")
    rm -f "${outputs[@]}"
    [[ -n $a && -n $b ]] || { echo "FAIL: a boot printed no line matching /$distinct/"; exit 1; }
    [[ $a != "$b" ]] || { echo "FAIL: both boots printed the same '$a'"; exit 1; }
    echo "PASS: the boots printed different lines matching /$distinct/"
else
    rm -f "${outputs[@]}"
fi
echo "PASS: both boots passed"
