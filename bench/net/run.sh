#!/usr/bin/env bash
# run.sh: network benchmark: UDP echo round trip and packet rate from a host namespace to a tenor-hvt guest behind a tap, beside the same measurements against a host echo server behind a veth pair.
#
# Usage: bench/net/run.sh [BUILD_DIR]      (default BUILD_DIR: build)
# Environment: COUNT (default 5000) sequential requests for the round trip,
# THINK (default 100) microseconds between an echo and the next request for
# the second round trip figure, WINDOW (default 32) requests in flight and
# PPS_SECONDS (default 3) for the packet rate, SIZE (default 64) payload bytes.
#
# Everything happens in two private network namespaces deleted at exit:
# tenor-bench_net-<pid> holds tap100 (10.0.0.1/24, the guest test_net.hvt at
# 10.0.0.2) and veth0 (10.2.0.1/24); tenor-bench_net_peer-<pid> holds veth1
# (10.2.0.2/24) and `net_client serve`, the reference: the same client and
# kernel path, with the echo done by a host process instead of the unikernel.
# The table is informative: the exit status is 0 whatever the figures, and
# non-zero only when the benchmark could not run.
set -euo pipefail

build=${1:-build}
count=${COUNT:-5000}
think=${THINK:-100}
window=${WINDOW:-32}
seconds=${PPS_SECONDS:-3}
size=${SIZE:-64}
readonly rtt_goal_us=50
readonly pps_goal=100000

die() {
    echo "bench/net/run.sh: $*" >&2
    exit 1
}

client=$build/bench/net/net_client
hvt=$build/bin/tenor-hvt
guest=$build/tests/guests/test_net.hvt
for file in "$client" "$hvt" "$guest"; do
    [[ -f $file ]] || die "$file is missing: build first (make build, or cmake --build $build)"
done

source "$(dirname "${BASH_SOURCE[0]}")/../../tests/e2e/net/lib.sh"
net_require_prerequisites
net_install_cleanup
workdir=$(mktemp -d)
trap 'net_cleanup; rm -rf "$workdir"' EXIT

# The guest side. The guest and the echo server stop by themselves after a
# minute without requests, should this script be killed before it stops them.
net_namespace_create bench_net || die "cannot create the benchmark's namespace"
ns=$NET_NS
net_tap_add "$ns" tap100 10.0.0.1/24 || die "cannot create tap100 in $ns"
net_start "$ns" "$workdir/guest" "$hvt" --mem=32 --net:service=tap100 "$guest" --solo5:quiet \
    service 10.0.0.2 idle=60
guest_pid=$NET_PID
net_wait_ready "$workdir/guest" "$guest_pid" 10 || die "the guest did not start: $(cat "$workdir/guest")"

# The reference side: a veth pair into a second namespace with the echo server.
net_namespace_create bench_net_peer || die "cannot create the reference namespace"
peer=$NET_NS
ip link add veth0 netns "$ns" type veth peer name veth1 netns "$peer" ||
    die "cannot create the veth pair between $ns and $peer"
ip netns exec "$ns" ip address add 10.2.0.1/24 dev veth0
ip netns exec "$ns" ip link set dev veth0 up
ip netns exec "$peer" ip address add 10.2.0.2/24 dev veth1
ip netns exec "$peer" ip link set dev veth1 up
net_start "$peer" "$workdir/server" "$client" serve 10.2.0.2 --idle=60
server_pid=$NET_PID

echo "== network: UDP echo, $size-byte payload, from a host namespace =="
echo "   $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -r), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

results=$workdir/results
measure() {
    local target=$1
    ip netns exec "$ns" "$client" rtt "$target" --count="$count" --size="$size" >>"$results" ||
        die "the round trip to $target could not be measured (see above)"
    ip netns exec "$ns" "$client" rtt "$target" --count="$count" --size="$size" --think="$think" \
        >>"$results" || die "the round trip to $target could not be measured (see above)"
    ip netns exec "$ns" "$client" pps "$target" --window="$window" --seconds="$seconds" \
        --size="$size" >>"$results" || die "the packet rate to $target could not be measured (see above)"
}
measure 10.0.0.2
measure 10.2.0.2

# Lines are "result: udp_rtt target T ... median_us M p99_us P ..." and
# "result: udp_pps target T ... lost L pps R".
awk -v rtt_goal="$rtt_goal_us" -v pps_goal="$pps_goal" -v count="$count" -v window="$window" '
    function field(name,    i) {
        for (i = 3; i < NF; i++)
            if ($i == name)
                return $(i + 1)
        return "-"
    }
    function label(target) {
        return target == "10.0.0.2" ? "tenor-hvt guest (tap)" : "reference: host echo (veth)"
    }
    BEGIN {
        printf "%-28s %-17s %12s %12s %6s %12s  %s\n", "target", "measure", "median", "p99", "lost",
               "goal", "verdict"
    }
    # The goal is for requests sent back to back; with a pause between
    # them the figure is informative.
    $2 == "udp_rtt" {
        target = field("target")
        back_to_back = field("think_us") == 0
        name = back_to_back ? "rtt median" : sprintf("rtt, %d us apart", field("think_us"))
        goal = target == "10.0.0.2" && back_to_back ? sprintf("< %d us", rtt_goal) : "-"
        verdict = field("median_us") < rtt_goal ? "PASS" : "ABOVE GOAL"
        if (!back_to_back)
            verdict = "info"
        if (target != "10.0.0.2")
            verdict = "reference"
        printf "%-28s %-17s %9.1f us %9.1f us %6s %12s  %s\n", label(target), name,
               field("median_us"), field("p99_us"), field("lost"), goal, verdict
    }
    $2 == "udp_pps" {
        target = field("target")
        goal = target == "10.0.0.2" ? sprintf(">= %d", pps_goal) : "-"
        verdict = target != "10.0.0.2" ? "reference" : field("pps") >= pps_goal ? "PASS" : "BELOW GOAL"
        printf "%-28s %-17s %12d %12s %6s %12s  %s\n", label(target), "packets/s", field("pps"), "-",
               field("lost"), goal, verdict
    }
    END {
        printf "   rtt: %d sequential requests after 100 unmeasured; packets/s: %d requests in flight.\n", count, window
    }
' "$results"
echo "   The goals are informative: nothing fails on them."

# Stopping both servers now saves waiting for their idle timeouts.
kill -TERM "$guest_pid" "$server_pid" 2>/dev/null || true
