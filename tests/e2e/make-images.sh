#!/usr/bin/env bash
# Creates fresh, sparse disk images of SIZE bytes at each PATH, for the block device tests.
#
# usage: make-images.sh SIZE PATH...
set -euo pipefail

(($# >= 2)) || { echo "usage: make-images.sh SIZE PATH..." >&2; exit 2; }
size=$1
shift
for path in "$@"; do
    mkdir -p "$(dirname "$path")"
    # Remove first so that no data from an earlier run survives.
    rm -f "$path"
    truncate -s "$size" "$path"
done
