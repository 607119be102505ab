#!/usr/bin/env bash
# Makes a disk image that even root cannot open read-write, then runs COMMAND on it; or checks that this machine can make one.
#
# usage: readonly.sh check MODE IMAGE
#        readonly.sh run MODE IMAGE -- COMMAND...
#
# File modes do not stop root (chmod 0444 still opens read-write), so MODE is one of:
#   ro-mount   IMAGE is bind-mounted onto itself read-only, in a private
#              mount namespace: open(O_RDWR) fails with EROFS
#   immutable  IMAGE gets the immutable attribute (chattr +i), which is
#              removed again on exit: open(O_RDWR) fails with EPERM
# `check` exits 0 if MODE works here, else prints the reason and exits 1
# (for require.sh --probe). `run` creates IMAGE (1 MiB), protects it, runs
# COMMAND and exits with its status.
set -uo pipefail

readonly IMAGE_SIZE=1M

usage_error() {
    echo "readonly.sh: $*" >&2
    echo "usage: readonly.sh check MODE IMAGE | readonly.sh run MODE IMAGE -- COMMAND... (MODE: ro-mount, immutable)" >&2
    exit 2
}

create_image() {
    mkdir -p "$(dirname "$1")" || exit 1
    # A protected leftover from an interrupted run could not be replaced.
    [[ -e $1 ]] && chattr -i "$1" 2>/dev/null
    rm -f "$1" && truncate -s "$IMAGE_SIZE" "$1" || exit 1
}

# Succeeds if IMAGE can be opened for reading and writing by this process.
opens_read_write() {
    { exec 3<>"$1"; } 2>/dev/null || return 1
    exec 3>&-
}

protect() {
    local mode=$1 image=$2
    case $mode in
        ro-mount) mount --bind "$image" "$image" && mount -o remount,bind,ro "$image" ;;
        immutable) chattr +i "$image" ;;
    esac
}

unprotect() {
    local mode=$1 image=$2
    case $mode in
        # The namespace's mounts vanish with it.
        ro-mount) umount "$image" ;;
        immutable) chattr -i "$image" ;;
    esac
}

# Runs in a private mount namespace for ro-mount, so that the mount stays local.
in_namespace() {
    local action=$1 mode=$2 image=$3
    shift 3
    create_image "$image"
    if ! protect "$mode" "$image" 2>/dev/null; then
        echo "$mode is not available here: $(protect "$mode" "$image" 2>&1 | tail -n 1)"
        exit 1
    fi
    trap 'unprotect "$mode" "$image" 2>/dev/null' EXIT
    # A timeout's TERM must still run the EXIT trap: an immutable leftover
    # would stop the next run, and rm -rf of the build tree, from removing it.
    trap 'exit 143' TERM
    trap 'exit 130' INT
    if opens_read_write "$image"; then
        echo "$mode does not stop $(id -un) from opening $image read-write on this file system"
        exit 1
    fi
    [[ $action == check ]] && exit 0
    echo "host: $image is protected by $mode; opening it read-write fails"
    "$@"
    exit $?
}

main() {
    (($# >= 3)) || usage_error "too few arguments"
    local action=$1 mode=$2 image=$3
    shift 3
    [[ $action == check || $action == run ]] || usage_error "unknown action '$action'"
    [[ $mode == ro-mount || $mode == immutable ]] || usage_error "unknown mode '$mode'"
    if [[ $action == run ]]; then
        [[ ${1:-} == -- ]] || usage_error "run needs -- COMMAND..."
        shift
        (($# > 0)) || usage_error "no COMMAND after --"
    fi
    if [[ $mode == ro-mount ]]; then
        command -v unshare >/dev/null || { echo "unshare (util-linux) is not installed"; exit 1; }
        exec unshare --mount --propagation private bash "$0" --in-namespace "$action" "$mode" "$image" "$@"
    fi
    in_namespace "$action" "$mode" "$image" "$@"
}

if [[ ${1:-} == --in-namespace ]]; then
    shift
    in_namespace "$@"
fi
main "$@"
