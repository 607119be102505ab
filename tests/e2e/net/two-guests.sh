#!/usr/bin/env bash
# two-guests.sh: two tenor-hvt guests at once, each in its own network namespace behind a tap with the same addresses, both answering a flood ping.
#
# usage: two-guests.sh COUNT TENOR-HVT GUEST
#
# Namespaces tenor-two_guests_a-<pid> and tenor-two_guests_b-<pid> each hold
# tap100 (10.0.0.1/24) and a test_net guest at 10.0.0.2 with limit=COUNT.
# Both guests are started, both must be ready, then both are pinged at the
# same time (ping -f -c COUNT in each namespace). Prints every line of each
# side prefixed with [a] or [b]; exits 0 only if both monitors exit 0.
# Without root, /dev/net/tun or /dev/kvm it prints SKIPPED: and exits 77.
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

(($# == 3)) || { echo "usage: two-guests.sh COUNT TENOR-HVT GUEST" >&2; exit 2; }
count=$1
hvt=$2
guest=$3
sides=(a b)

net_require_prerequisites
net_install_cleanup
workdir=$(mktemp -d)
trap 'net_cleanup; rm -rf "$workdir"' EXIT

declare -A ns monitor pinger
for side in "${sides[@]}"; do
    net_namespace_create "two_guests_$side" || exit 1
    ns[$side]=$NET_NS
    net_tap_add "$NET_NS" tap100 10.0.0.1/24 || { echo "FAIL: cannot create tap100 in $NET_NS"; exit 1; }
    net_start "$NET_NS" "$workdir/$side.guest" "$hvt" --mem=16 --net:service=tap100 "$guest" \
        service 10.0.0.2 "limit=$count" idle=10
    monitor[$side]=$NET_PID
done

ready=true
for side in "${sides[@]}"; do
    net_wait_ready "$workdir/$side.guest" "${monitor[$side]}" 10 >"$workdir/$side.ready" || ready=false
done
# Both guests are up: ping both at once.
if $ready; then
    for side in "${sides[@]}"; do
        ip netns exec "${ns[$side]}" ping -f -q -c "$count" 10.0.0.2 >"$workdir/$side.ping" 2>&1 &
        pinger[$side]=$!
    done
    for side in "${sides[@]}"; do
        wait "${pinger[$side]}"
        echo "ping exit status: $?" >>"$workdir/$side.ping"
    done
fi

status=0
for side in "${sides[@]}"; do
    $ready || kill -TERM "${monitor[$side]}" 2>/dev/null
    side_status=0
    net_wait "${monitor[$side]}" || side_status=$?
    echo "monitor exit status: $side_status" >>"$workdir/$side.guest"
    ((side_status == 0)) || status=1
done
for side in "${sides[@]}"; do
    cat "$workdir/$side.ready" "$workdir/$side.ping" "$workdir/$side.guest" 2>/dev/null | sed "s/^/[$side] /"
done
exit "$status"
