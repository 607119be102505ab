#!/usr/bin/env bash
# Runs one end-to-end test command and checks its exit status and combined output; exit 77 means skipped.
#
# usage: run-guest.sh [--expect-exit N] [--expect-output REGEX]...
#                     [--reject-output REGEX]... [--timeout SECONDS]
#                     [--needs-kvm] [--may-skip] [--setup CMD] -- COMMAND...
#
# COMMAND (usually tenor-hvt with a guest) runs with stdout and stderr
# captured together. REGEXes are POSIX extended regular expressions matched
# against each line of that output (grep -E). The expected exit status
# defaults to 0. --setup runs CMD with bash -c first, e.g. to create a disk
# image. With --may-skip, COMMAND may itself find a prerequisite missing: if
# it exits 77 after printing a line starting with "SKIPPED:", so does the
# harness. Each kind of failure has its own message: timed out, wrong exit
# status, expected output missing, forbidden output present, setup failed.
set -uo pipefail

readonly SKIP_STATUS=77
readonly KILL_GRACE_SECONDS=5

expect_exit=0
timeout_seconds=30
needs_kvm=false
may_skip=false
setup=""
expect_output=()
reject_output=()

usage_error() {
    echo "run-guest.sh: $*" >&2
    echo "usage: run-guest.sh [--expect-exit N] [--expect-output REGEX]... [--reject-output REGEX]..." \
         "[--timeout SECONDS] [--needs-kvm] [--may-skip] [--setup CMD] -- COMMAND..." >&2
    exit 2
}

# Sets the globals above from the options; leaves COMMAND in the array `command`.
parse_args() {
    while (($# > 0)); do
        case $1 in
            --expect-exit) (($# >= 2)) || usage_error "$1 needs a value"; expect_exit=$2; shift 2 ;;
            --expect-output) (($# >= 2)) || usage_error "$1 needs a value"; expect_output+=("$2"); shift 2 ;;
            --reject-output) (($# >= 2)) || usage_error "$1 needs a value"; reject_output+=("$2"); shift 2 ;;
            --timeout) (($# >= 2)) || usage_error "$1 needs a value"; timeout_seconds=$2; shift 2 ;;
            --needs-kvm) needs_kvm=true; shift ;;
            --may-skip) may_skip=true; shift ;;
            --setup) (($# >= 2)) || usage_error "$1 needs a value"; setup=$2; shift 2 ;;
            --) shift; break ;;
            *) usage_error "unknown option '$1'" ;;
        esac
    done
    (($# > 0)) || usage_error "no COMMAND after --"
    [[ $expect_exit =~ ^[0-9]+$ ]] || usage_error "--expect-exit needs a number, not '$expect_exit'"
    [[ $timeout_seconds =~ ^[0-9]+$ ]] && ((timeout_seconds > 0)) ||
        usage_error "--timeout needs a positive number of seconds, not '$timeout_seconds'"
    command=("$@")
}

# Exits with SKIP_STATUS, saying why, unless /dev/kvm can be opened read-write.
require_kvm() {
    local reason=""
    if [[ ! -e /dev/kvm ]]; then
        reason="/dev/kvm does not exist: load the kvm module or enable nested virtualisation"
    elif [[ ! -r /dev/kvm || ! -w /dev/kvm ]]; then
        reason="user $(id -un) cannot read and write /dev/kvm: join the kvm group"
    elif ! { exec 3<>/dev/kvm; } 2>/dev/null; then
        reason="opening /dev/kvm failed: is KVM enabled in the firmware and the kernel?"
    else
        exec 3>&-
        return
    fi
    echo "SKIPPED: /dev/kvm is not available ($reason)"
    exit "$SKIP_STATUS"
}

print_output() {
    echo "---- output of: ${command[*]}"
    cat "$output"
    echo "---- end of output"
}

failed() {
    echo "FAIL: $*"
    print_output
    exit 1
}

now_ns() {
    date +%s%N
}

# Runs COMMAND under timeout(1); sets `status` and `timed_out`.
run_command() {
    local start elapsed
    start=$(now_ns)
    timeout --kill-after="$KILL_GRACE_SECONDS" "$timeout_seconds" "${command[@]}" >"$output" 2>&1 </dev/null
    status=$?
    elapsed=$(($(now_ns) - start))
    # timeout(1) reports 124 (or 137 after the KILL) for a timeout, but a
    # command may exit 124 itself: only a run as long as the limit timed out.
    timed_out=false
    if ((status == 124 || status == 137)) && ((elapsed >= timeout_seconds * 1000000000)); then
        timed_out=true
    fi
}

check_output() {
    local regex
    for regex in "${expect_output[@]}"; do
        grep -Eq -- "$regex" "$output" ||
            failed "expected output missing: no line matches /$regex/"
    done
    for regex in "${reject_output[@]}"; do
        if grep -Eq -- "$regex" "$output"; then
            echo "FAIL: forbidden output present: lines matching /$regex/:"
            grep -E -- "$regex" "$output" | head -n 5
            print_output
            exit 1
        fi
    done
}

main() {
    parse_args "$@"
    if $needs_kvm; then
        require_kvm
    fi
    output=$(mktemp)
    trap 'rm -f "$output"' EXIT
    if [[ -n $setup ]] && ! bash -c "$setup" >"$output" 2>&1; then
        echo "FAIL: setup command failed: $setup"
        cat "$output"
        exit 1
    fi
    run_command
    if $timed_out; then
        failed "timed out after $timeout_seconds s (the command was killed)"
    fi
    if $may_skip && ((status == SKIP_STATUS)) && grep -q '^SKIPPED:' "$output"; then
        grep '^SKIPPED:' "$output"
        exit "$SKIP_STATUS"
    fi
    if ((status != expect_exit)); then
        failed "wrong exit status: expected $expect_exit, got $status"
    fi
    check_output
    echo "PASS: exit status $status; ${#expect_output[@]} expected and ${#reject_output[@]} forbidden patterns checked"
    # Kept in ctest's log (LastTest.log) for whoever reads a passing run.
    print_output
}

main "$@"
