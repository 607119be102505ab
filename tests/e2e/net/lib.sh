# lib.sh: shell functions for the network tests and the network benchmark: private network namespaces, taps and guests run inside them.
#
# Sourced, not run. Every namespace made here is named tenor-<what>-<pid>,
# holds its own taps and is deleted when the sourcing script exits, however
# it exits; so are the monitors started here. Traffic only ever goes to
# addresses inside those namespaces.

readonly NET_SKIP_STATUS=77

net_namespaces=()
net_pids=()

# Exits with NET_SKIP_STATUS, saying why, unless this process can create
# namespaces and taps and run guests: root, /dev/net/tun, /dev/kvm, ip(8).
# NET_NEEDS_KVM=0 in the environment drops /dev/kvm (tenor-spt's tests).
net_require_prerequisites() {
    local reason=""
    if ((EUID != 0)); then
        reason="the network tests create network namespaces and taps: run them as root"
    elif [[ ! -c /dev/net/tun ]]; then
        reason="/dev/net/tun does not exist: load the tun module (modprobe tun)"
    elif [[ ${NET_NEEDS_KVM:-1} != 0 ]] && { [[ ! -c /dev/kvm ]] || ! { exec 3<>/dev/kvm; } 2>/dev/null; }; then
        reason="/dev/kvm is missing or cannot be opened: load the kvm module or enable nested virtualisation"
    elif ! command -v ip >/dev/null || ! command -v ping >/dev/null; then
        reason="ip and ping are needed: install iproute2 and iputils-ping (scripts/install-deps)"
    fi
    exec 3>&-
    if [[ -n $reason ]]; then
        echo "SKIPPED: $reason"
        exit "$NET_SKIP_STATUS"
    fi
}

# Stops what is still running and deletes the namespaces; runs on any exit.
# Every step may fail (a process already gone) without ending the cleanup,
# even in a script that runs with errexit.
net_cleanup() {
    local pid ns
    for pid in "${net_pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${net_pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    for ns in "${net_namespaces[@]}"; do
        ip netns delete "$ns" 2>/dev/null || true
    done
}

# A signal ends the script through the EXIT trap, so cleanup always runs.
net_install_cleanup() {
    trap net_cleanup EXIT
    trap 'exit 143' TERM
    trap 'exit 130' INT
}

# Creates the namespace tenor-WHAT-<pid> and prints its name.
net_namespace_create() {
    local ns="tenor-$1-$$"
    ip netns add "$ns" || { echo "cannot create network namespace $ns" >&2; return 1; }
    net_namespaces+=("$ns")
    # IPv6 would make the taps send router solicitations the guests ignore.
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 2>/dev/null
    ip netns exec "$ns" ip link set dev lo up
    NET_NS=$ns
}

# net_tap_add NS IFACE ADDRESS/PREFIX [MTU [down]]: a tap with the host's
# address on the guest's subnet, up unless "down" is given.
net_tap_add() {
    local ns=$1 iface=$2 address=$3 mtu=${4:-1500} state=${5:-up}
    ip netns exec "$ns" ip tuntap add dev "$iface" mode tap &&
        ip netns exec "$ns" ip link set dev "$iface" mtu "$mtu" &&
        ip netns exec "$ns" ip address add "$address" dev "$iface" || return 1
    if [[ $state == up ]]; then
        ip netns exec "$ns" ip link set dev "$iface" up || return 1
    fi
}

# net_start NS OUTPUT COMMAND...: runs COMMAND in NS in the background,
# output to the file OUTPUT; sets NET_PID.
net_start() {
    local ns=$1 output=$2
    shift 2
    # Created here, so that it exists before the background job opens it.
    : >"$output"
    ip netns exec "$ns" "$@" >"$output" 2>&1 </dev/null &
    NET_PID=$!
    net_pids+=("$NET_PID")
}

# net_wait_ready OUTPUT PID SECONDS: waits until the guest printed "ready";
# fails if it exits first or takes longer.
net_wait_ready() {
    local output=$1 pid=$2 limit=$(($3 * 10)) i
    for ((i = 0; i < limit; i++)); do
        grep -q '^ready$' "$output" && return 0
        kill -0 "$pid" 2>/dev/null || { echo "the guest exited before it was ready"; return 1; }
        sleep 0.1
    done
    echo "the guest was not ready after $3 s"
    return 1
}

# net_wait PID: waits for a command started by net_start; returns its status.
net_wait() {
    local pid=$1 status=0 i
    wait "$pid" || status=$?
    for i in "${!net_pids[@]}"; do
        [[ ${net_pids[i]} == "$pid" ]] && unset 'net_pids[i]'
    done
    return "$status"
}
