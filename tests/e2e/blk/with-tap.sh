#!/usr/bin/env bash
# Runs COMMAND in a private network namespace holding one tap interface that is up (as root), for block tests whose guest also declares a network device.
#
# usage: with-tap.sh TAP -- COMMAND...
#
# The namespace is anonymous (unshare --net): it and the tap vanish when
# COMMAND ends, and no traffic can leave it. Exits with COMMAND's status.
set -uo pipefail

usage_error() {
    echo "with-tap.sh: $*" >&2
    echo "usage: with-tap.sh TAP -- COMMAND..." >&2
    exit 2
}

if [[ ${1:-} != --in-namespace ]]; then
    (($# >= 3)) && [[ $2 == -- ]] || usage_error "expected TAP -- COMMAND..."
    exec unshare --net bash "$0" --in-namespace "$@"
fi
tap=$2
shift 3
ip tuntap add dev "$tap" mode tap && ip link set dev "$tap" up ||
    { echo "with-tap.sh: cannot create the tap $tap in a private network namespace"; exit 1; }
"$@"
