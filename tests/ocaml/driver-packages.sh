#!/usr/bin/env bash
# driver-packages.sh: builds packages.ml with `tenor-ocaml build --packages lwt,cstruct` as a user would, then boots it on hvt.
#
# usage: driver-packages.sh TENOR_OCAML PACKAGES_ML TENOR_HVT
set -uo pipefail

driver=$1
source=$2
hvt=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! "$driver" build -o "$work/out/packages" --target hvt --packages lwt,cstruct "$source" >"$work/build.log" 2>&1; then
    echo "FAIL: tenor-ocaml build failed:"
    cat "$work/build.log"
    exit 1
fi
grep -q "built $work/out/packages.hvt" "$work/build.log" || { echo "FAIL: the driver did not report the image"; cat "$work/build.log"; exit 1; }
if ! { exec 3<>/dev/kvm; } 2>/dev/null; then
    echo "SKIPPED: built the image, but /dev/kvm cannot be opened read-write to boot it"
    exit 77
fi
exec 3>&-
timeout 60 "$hvt" --mem=64 "$work/out/packages.hvt" --solo5:quiet >"$work/run.log" 2>&1
status=$?
if ((status != 0)) || ! grep -qx SUCCESS "$work/run.log"; then
    echo "FAIL: the unikernel exited with $status without SUCCESS:"
    cat "$work/run.log"
    exit 1
fi
cat "$work/run.log"
echo "PASS"
