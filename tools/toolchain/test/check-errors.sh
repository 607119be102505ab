#!/usr/bin/env bash
# check-errors.sh: checks that the toolchain wrappers refuse bad link requests with a helpful message.
#
# Usage: check-errors.sh BUILD_DIR WORK_DIR
set -euo pipefail

build=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
cc=$build/bin/x86_64-solo5-none-static-cc
ld=$build/bin/x86_64-solo5-none-static-ld
rm -rf "$work"
mkdir -p "$work"

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# Runs a command that must fail with a message containing the expected text.
expect_error() {
    local expected=$1
    shift
    local output
    if output=$("$@" 2>&1); then
        fail "'$*' succeeded; it should have failed with: $expected"
    elif [[ $output != *"$expected"* ]]; then
        fail "'$*' failed with '$output', not with: $expected"
    fi
}

# Compiling needs no target.
"$cc" -c "$here/app.c" -o "$work/app.o" || fail "compiling without -z solo5-abi failed"
"$cc" -E "$here/app.c" -o /dev/null || fail "preprocessing without -z solo5-abi failed"
"$cc" --version >/dev/null || fail "$cc --version failed"

expect_error "x86_64-solo5-none-static-cc: linking a unikernel needs -z solo5-abi=TARGET to choose its bindings (available targets: hvt spt)" \
    "$cc" -o "$work/app" "$work/app.o"
expect_error "x86_64-solo5-none-static-ld: linking a unikernel needs -z solo5-abi=TARGET" \
    "$ld" -o "$work/app" "$work/app.o"
expect_error "x86_64-solo5-none-static-cc: unknown target 'virtio' in -z solo5-abi=virtio: use one of: hvt spt" \
    "$cc" -z solo5-abi=virtio -o "$work/app" "$work/app.o"
expect_error "unknown target '../hvt' in -z solo5-abi=../hvt" \
    "$ld" -z solo5-abi=../hvt -o "$work/app" "$work/app.o"
# Without a manifest the link succeeds (the monitor refuses the binary),
# but without solo5_app_main it must fail.
printf 'int unused;\n' >"$work/empty.c"
"$cc" -c "$work/empty.c" -o "$work/empty.o"
expect_error "undefined reference to \`solo5_app_main'" "$cc" -z solo5-abi=hvt -o "$work/app" "$work/empty.o"

if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "toolchain error checks passed"
