#!/usr/bin/env bash
# driver-errors.sh: tenor-ocaml's error messages: each bad command must fail with its own message saying what to fix.
#
# usage: driver-errors.sh TENOR_OCAML GOOD_ML
set -uo pipefail

driver=$1
good=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# expect_error MESSAGE ARGS...: runs the driver with ARGS; it must exit 1 and print MESSAGE (a fixed string).
expect_error() {
    local message=$1 output status
    shift
    output=$("$driver" "$@" 2>&1)
    status=$?
    if ((status != 1)) || ! grep -qF -- "$message" <<<"$output"; then
        echo "FAIL: tenor-ocaml $* exited with $status; expected status 1 and: $message"
        echo "$output" | head -n 10
        failures=$((failures + 1))
    else
        echo "ok: $message"
    fi
}

echo 'let () = print_endline (1 + "x")' >"$work/bad.ml"
echo '{"type": "solo5.manifest", "version": 1, "devices": [{"name": "x", "type": "FLOPPY"}]}' >"$work/bad.json"
cp "$good" "$work/hello.txt"

expect_error "tenor-ocaml: no output name: give -o NAME" build "$good"
expect_error "tenor-ocaml: no source files: give the program's .ml files" build -o "$work/x"
expect_error "tenor-ocaml: source file '$work/missing.ml' does not exist" build -o "$work/x" "$work/missing.ml"
expect_error "tenor-ocaml: source '$work/hello.txt' is neither .ml, .mli nor .c" build -o "$work/x" "$work/hello.txt"
expect_error "tenor-ocaml: unknown target 'virtio': use one of: " build -o "$work/x" --target virtio "$good"
expect_error "tenor-ocaml: package 'no-such-package' is not installed" build -o "$work/x" --packages no-such-package "$good"
expect_error "tenor-ocaml: package 'unix' calls the operating system and cannot be linked into a unikernel" \
    build -o "$work/x" --packages unix "$good"
expect_error "tenor-ocaml: the OCaml sources did not compile" build -o "$work/x" "$work/bad.ml"
expect_error "tenor-ocaml: manifest '$work/none.json' does not exist" build -o "$work/x" --manifest "$work/none.json" "$good"
expect_error "tenor-ocaml: the manifest $work/bad.json is not valid" build -o "$work/x" --manifest "$work/bad.json" "$good"
expect_error "tenor-ocaml: unknown option '--bogus'" build --bogus
expect_error "tenor-ocaml: unknown command 'run'" run

if ((failures > 0)); then
    echo "$failures failed, $((12 - failures)) passed"
    exit 1
fi
echo "12 passed, 0 failed"
