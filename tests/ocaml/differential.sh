#!/usr/bin/env bash
# differential.sh: runs a program natively and as a unikernel and fails unless both exit 0 with byte-identical output.
#
# usage: differential.sh NATIVE -- MONITOR-COMMAND...
# Exit 77 (skipped) when /dev/kvm is unusable.
set -uo pipefail

(($# >= 3)) && [[ $2 == -- ]] || { echo "usage: differential.sh NATIVE -- MONITOR-COMMAND..." >&2; exit 2; }
native=$1
shift 2

if ! { exec 3<>/dev/kvm; } 2>/dev/null; then
    echo "SKIPPED: /dev/kvm cannot be opened read-write (needed to boot the unikernel)"
    exit 77
fi
exec 3>&-

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$native" >"$work/native.out" 2>&1
native_status=$?
timeout 60 "$@" >"$work/unikernel.out" 2>&1
unikernel_status=$?

if ((native_status != 0)); then
    echo "FAIL: the native program exited with $native_status"
    cat "$work/native.out"
    exit 1
fi
if ((unikernel_status != 0)); then
    echo "FAIL: the unikernel exited with $unikernel_status (124: timed out)"
    cat "$work/unikernel.out"
    exit 1
fi
if ! cmp -s "$work/native.out" "$work/unikernel.out"; then
    echo "FAIL: the outputs differ (--- native, +++ unikernel):"
    diff -u "$work/native.out" "$work/unikernel.out" | head -n 60
    exit 1
fi
echo "PASS: $(wc -l <"$work/native.out") lines, $(wc -c <"$work/native.out") bytes identical"
