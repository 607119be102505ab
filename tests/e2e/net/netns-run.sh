#!/usr/bin/env bash
# netns-run.sh: runs one guest in a private network namespace with its taps, optionally sends it traffic, prints everything and exits with the monitor's status.
#
# usage: netns-run.sh --name NAME [--tap IFACE=ADDRESS/PREFIX[,mtu=N][,down]]...
#                     [--traffic CMD]... [--ready-timeout SECONDS] -- COMMAND...
#
# The namespace is tenor-NAME-<pid>; each --tap creates a tap in it with the
# host's address (up unless ",down"). COMMAND (tenor-hvt and a guest) runs
# inside the namespace. With --traffic, the script waits for the guest's
# "ready" line, then runs each CMD with bash inside the namespace, in order,
# and prints its output and exit status; traffic only goes to guests in the
# namespace. Then it waits for the guest to exit by itself, prints the
# monitor's output and exits with its status, for run-guest.sh to check.
# Without root, /dev/net/tun or /dev/kvm it prints SKIPPED: and exits 77.
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

name=""
taps=()
traffic=()
ready_timeout=10

usage_error() {
    echo "netns-run.sh: $*" >&2
    echo "usage: netns-run.sh --name NAME [--tap IFACE=ADDRESS/PREFIX[,mtu=N][,down]]..." \
         "[--traffic CMD]... [--ready-timeout SECONDS] -- COMMAND..." >&2
    exit 2
}

parse_args() {
    while (($# > 0)); do
        case $1 in
            --name) (($# >= 2)) || usage_error "$1 needs a value"; name=$2; shift 2 ;;
            --tap) (($# >= 2)) || usage_error "$1 needs a value"; taps+=("$2"); shift 2 ;;
            --traffic) (($# >= 2)) || usage_error "$1 needs a value"; traffic+=("$2"); shift 2 ;;
            --ready-timeout) (($# >= 2)) || usage_error "$1 needs a value"; ready_timeout=$2; shift 2 ;;
            --) shift; break ;;
            *) usage_error "unknown option '$1'" ;;
        esac
    done
    [[ $name =~ ^[a-z0-9_]+$ ]] || usage_error "--name needs a name of [a-z0-9_], not '$name'"
    [[ $ready_timeout =~ ^[1-9][0-9]*$ ]] || usage_error "--ready-timeout needs a number of seconds"
    (($# > 0)) || usage_error "no COMMAND after --"
    command=("$@")
}

# IFACE=ADDRESS/PREFIX[,mtu=N][,down] -> net_tap_add's arguments.
add_tap() {
    local spec=$1 iface address mtu=1500 state=up option
    iface=${spec%%=*}
    [[ $spec == *=* && -n $iface ]] || usage_error "--tap needs IFACE=ADDRESS/PREFIX, not '$spec'"
    IFS=, read -r address options <<<"${spec#*=}"
    for option in ${options//,/ }; do
        case $option in
            mtu=*) mtu=${option#mtu=} ;;
            down) state=down ;;
            *) usage_error "unknown tap option '$option' in '$spec'" ;;
        esac
    done
    net_tap_add "$NET_NS" "$iface" "$address" "$mtu" "$state" ||
        { echo "FAIL: cannot create tap $iface ($spec) in $NET_NS"; exit 1; }
}

run_traffic() {
    local cmd status
    for cmd in "${traffic[@]}"; do
        echo "== traffic: $cmd"
        ip netns exec "$NET_NS" bash -c "$cmd"
        status=$?
        echo "== traffic exit status: $status"
    done
}

main() {
    parse_args "$@"
    net_require_prerequisites
    net_install_cleanup
    net_namespace_create "$name" || exit 1
    local spec
    for spec in "${taps[@]}"; do
        add_tap "$spec"
    done
    output=$(mktemp)
    trap 'net_cleanup; rm -f "$output"' EXIT
    net_start "$NET_NS" "$output" "${command[@]}"
    local monitor=$NET_PID
    if ((${#traffic[@]} > 0)); then
        if net_wait_ready "$output" "$monitor" "$ready_timeout"; then
            run_traffic
        else
            kill -TERM "$monitor" 2>/dev/null
        fi
    fi
    local status=0
    net_wait "$monitor" || status=$?
    echo "== output of the monitor (exit status $status): ${command[*]}"
    cat "$output"
    exit "$status"
}

main "$@"
