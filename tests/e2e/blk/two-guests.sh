#!/usr/bin/env bash
# Starts two block guests together on two images and checks that both succeed and that they really ran at the same time.
#
# usage: two-guests.sh MONITOR GUEST IMAGE_A IMAGE_B ROUNDS
#
# GUEST is test_blk_multi: guest A writes the pattern of seed 1, guest B
# that of seed 2, each ROUNDS times over, so that any state the two
# monitors shared (an image, a buffer, a file offset) would show as a wrong
# read-back. Each guest prints the wall clock at its start and end; the
# intervals must overlap. Both outputs are printed, each line prefixed with
# "A: " or "B: ". Exit status 0 if all holds, else 1 with a line starting
# "TWO GUESTS FAILED:".
set -uo pipefail

readonly IMAGE_SIZE=8M

(($# == 5)) || { echo "usage: two-guests.sh MONITOR GUEST IMAGE_A IMAGE_B ROUNDS" >&2; exit 2; }
monitor=$1 guest=$2 image_a=$3 image_b=$4 rounds=$5

failed() {
    echo "TWO GUESTS FAILED: $*"
    exit 1
}

for image in "$image_a" "$image_b"; do
    mkdir -p "$(dirname "$image")" && rm -f "$image" && truncate -s "$IMAGE_SIZE" "$image" || exit 1
done
scratch=$(mktemp -d) || exit 1
trap 'rm -rf "$scratch"' EXIT

"$monitor" --mem=16 --block:storage="$image_a" "$guest" --solo5:quiet 1 "$rounds" >"$scratch/a" 2>&1 &
pid_a=$!
"$monitor" --mem=16 --block:storage="$image_b" "$guest" --solo5:quiet 2 "$rounds" >"$scratch/b" 2>&1 &
pid_b=$!
wait "$pid_a"
status_a=$?
wait "$pid_b"
status_b=$?
sed 's/^/A: /' "$scratch/a"
sed 's/^/B: /' "$scratch/b"

((status_a == 0)) || failed "guest A exited with status $status_a"
((status_b == 0)) || failed "guest B exited with status $status_b"

# Prints the wall clock a guest reported at WHEN (start or end).
wall_clock() {
    sed -n "s/^wall clock at $2: \([0-9][0-9]*\)$/\1/p" "$scratch/$1"
}
start_a=$(wall_clock a start) end_a=$(wall_clock a end)
start_b=$(wall_clock b start) end_b=$(wall_clock b end)
[[ -n $start_a && -n $end_a && -n $start_b && -n $end_b ]] ||
    failed "a guest did not print its wall clock at start and end"
if ((start_a < end_b && start_b < end_a)); then
    overlap=$(( (end_a < end_b ? end_a : end_b) - (start_a > start_b ? start_a : start_b) ))
    echo "both guests ran at the same time: their runs overlapped by $((overlap / 1000000)) ms"
else
    failed "the guests did not overlap in time (A: $start_a-$end_a, B: $start_b-$end_b ns):" \
           "raise ROUNDS so that each runs longer"
fi
