#!/usr/bin/env bash
# run.sh: hypercall benchmark: ns per Solo5 call in a tenor-hvt guest, against the raw exit floor (a CPL3 `out` loop), all measured in one run.
#
# Usage: bench/hypercall/run.sh [BUILD_DIR]      (default BUILD_DIR: build)
# Environment: ROUNDS (default 3) alternating runs of raw_exit and the guest,
# EXITS (default 20000) calls per exiting call, CLOCKS (default 100000)
# calls of solo5_clock_monotonic. Each figure is the median over the rounds.
# The table is informative: the exit status is 0 whatever the figures, and
# non-zero only when the benchmark could not run.
set -euo pipefail

build=${1:-build}
rounds=${ROUNDS:-3}
exits=${EXITS:-20000}
clocks=${CLOCKS:-100000}
readonly goal=1.3
readonly clock_goal_ns=200

die() {
    echo "bench/hypercall/run.sh: $*" >&2
    exit 1
}

raw=$build/bench/hypercall/raw_exit
hvt=$build/bin/tenor-hvt
guest=$build/bench/hypercall/bench_hypercall.hvt
for file in "$raw" "$hvt" "$guest"; do
    [[ -f $file ]] || die "$file is missing: build first (make build, or cmake --build $build)"
done
[[ -r /dev/kvm && -w /dev/kvm ]] || die "/dev/kvm is missing or not usable by $(id -un): the benchmark boots real VMs"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "ROUNDS=$rounds is not a positive integer"

echo "== hypercall cost: ns per call, median of $rounds rounds of $exits exits ($clocks clock reads) =="
echo "   $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -r), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

results=$(mktemp)
trap 'rm -f "$results"' EXIT
# The floor and the guest alternate, so that noise from other work on the
# machine hits them alike.
for ((round = 1; round <= rounds; round++)); do
    "$raw" "$exits" >>"$results" || die "raw_exit failed (see above)"
    "$raw" --cpl0 "$exits" >>"$results" || die "raw_exit --cpl0 failed (see above)"
    output=$("$hvt" --mem=16 "$guest" --solo5:quiet "$exits" "$clocks") ||
        die "tenor-hvt $guest failed with status $? (see above); its output was: $output"
    grep '^result: ' <<<"$output" >>"$results" || die "the guest printed no results: $output"
done

# Lines are "result: NAME CALLS calls NS ns/call".
awk -v goal="$goal" -v clock_goal="$clock_goal_ns" '
    {
        name = $2
        if (!(name in count))
            order[names++] = name
        # Insertion sort: a handful of rounds per name.
        i = count[name]++
        while (i > 0 && value[name, i - 1] > $5 + 0) {
            value[name, i] = value[name, i - 1]
            i--
        }
        value[name, i] = $5 + 0
    }
    function median(name,    n) {
        n = count[name]
        return n % 2 ? value[name, (n - 1) / 2] : (value[name, n / 2 - 1] + value[name, n / 2]) / 2
    }
    END {
        if (!("raw_exit" in count)) {
            print "bench/hypercall/run.sh: no raw_exit figure to compare with" > "/dev/stderr"
            exit 1
        }
        floor = median("raw_exit")
        printf "%-24s %12s %22s %10s %14s  %s\n", "call", "ns/call", "range over rounds", "x raw exit",
               "goal", "verdict"
        for (k = 0; k < names; k++) {
            name = order[k]
            ns = median(name)
            range = sprintf("%.1f-%.1f", value[name, 0], value[name, count[name] - 1])
            if (name == "raw_exit") {
                target = "-"; verdict = "floor"
            } else if (name == "raw_exit_cpl0") {
                target = "-"; verdict = "info: the same loop at CPL0"
            } else if (name == "solo5_clock_monotonic") {
                target = sprintf("< %d ns", clock_goal)
                verdict = ns < clock_goal ? "PASS" : "ABOVE GOAL"
            } else {
                target = sprintf("<= %.1fx", goal)
                verdict = ns / floor <= goal ? "PASS" : "ABOVE GOAL"
            }
            printf "%-24s %12.1f %22s %10.2f %14s  %s\n", name, ns, range, ns / floor, target, verdict
        }
    }
' "$results"
echo "   raw_exit: a CPL3 guest set up as tenor-hvt sets one up, looping on \`out\` with a monitor that only resumes it."
echo "   raw_exit_cpl0: the same loop at ring 0, for comparison only (tenor's guests run at CPL3)."
echo "   The goals are informative: nothing fails on them."
