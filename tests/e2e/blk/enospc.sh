#!/usr/bin/env bash
# Boots a block guest whose sparse image lies on a tmpfs too small to hold it, in a private mount namespace, so that a write fails with ENOSPC.
#
# usage: enospc.sh MOUNTPOINT MONITOR GUEST [GUEST-ARGS...]   (as root)
#
# MOUNTPOINT (created if missing) gets a 1 MiB tmpfs that only this
# process's mount namespace sees. The 4 MiB image on it holds 288 KiB of
# random data at its start, so about 736 KiB remain free: the guest
# (test_blk_enospc) writes from 1 MiB on until a write fails. image-guard.sh
# then checks that the image kept its size and that its first MiB, which the
# guest never writes, is unchanged.
set -uo pipefail

readonly TMPFS_SIZE=1m
readonly IMAGE_SIZE=$((4 << 20))
# Not a whole number of the guest's 64 KiB chunks, so that a write that is not
# all or nothing would leave half a chunk behind.
readonly HOST_DATA=0:$((288 << 10))
readonly GUEST_RANGE=$((1 << 20)):$((3 << 20))

(($# >= 3)) || { echo "usage: enospc.sh MOUNTPOINT MONITOR GUEST [GUEST-ARGS...]" >&2; exit 2; }
here=$(dirname "$(readlink -f "$0")")

if [[ ${1:-} != --in-namespace ]]; then
    mkdir -p "$1" || exit 1
    exec unshare --mount --propagation private bash "$0" --in-namespace "$@"
fi
shift
mountpoint=$1 monitor=$2 guest=$3
shift 3
mount -t tmpfs -o size="$TMPFS_SIZE" tenor-blk-enospc "$mountpoint" || exit 1
image=$mountpoint/enospc.img
echo "host: tmpfs of $TMPFS_SIZE at $mountpoint, image of $IMAGE_SIZE bytes with data at $HOST_DATA"
bash "$here/image-guard.sh" --image "$image" --size "$IMAGE_SIZE" --data "$HOST_DATA" \
    --may-write "$GUEST_RANGE" -- "$monitor" --mem=16 --block:storage="$image" "$guest" "$@"
