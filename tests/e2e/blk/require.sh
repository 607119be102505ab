#!/usr/bin/env bash
# Runs COMMAND only if this machine can run the test: otherwise prints why and exits 77 (skipped).
#
# usage: require.sh [--root] [--command NAME]... [--probe CMD]... -- COMMAND...
#
# --root      the test needs uid 0 (mount and network namespaces, tmpfs, chattr)
# --command   NAME must be on PATH
# --probe     bash -c CMD must succeed; when it fails, its last line of
#             output is the reason given for skipping
# The checks run in order and the first that fails decides. COMMAND is
# exec'd, so its exit status is the test's.
set -uo pipefail

readonly SKIP_STATUS=77

skip() {
    echo "SKIPPED: $*"
    exit "$SKIP_STATUS"
}

usage_error() {
    echo "require.sh: $*" >&2
    echo "usage: require.sh [--root] [--command NAME]... [--probe CMD]... -- COMMAND..." >&2
    exit 2
}

while (($# > 0)); do
    case $1 in
        --root)
            (($(id -u) == 0)) || skip "the test needs root (namespaces, mounts), and this is $(id -un)"
            shift ;;
        --command)
            (($# >= 2)) || usage_error "$1 needs a value"
            command -v "$2" >/dev/null || skip "the command '$2' is not installed"
            shift 2 ;;
        --probe)
            (($# >= 2)) || usage_error "$1 needs a value"
            if ! probe_output=$(bash -c "$2" 2>&1); then
                skip "$(tail -n 1 <<<"$probe_output")"
            fi
            shift 2 ;;
        --) shift; break ;;
        *) usage_error "unknown option '$1'" ;;
    esac
done
(($# > 0)) || usage_error "no COMMAND after --"
exec "$@"
