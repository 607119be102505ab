#!/usr/bin/env bash
# run.sh: boot-time benchmark: whole-process wall time of tenor-hvt booting test_hello.hvt, against the smallest KVM lifecycle, all measured in one interleaved run.
#
# Usage: bench/boot/run.sh [BUILD_DIR]      (default BUILD_DIR: build)
# Environment: RUNS=N timed runs per case (default 20).
# The table is informative: the exit status is 0 whatever the figures, and
# non-zero only when the benchmark could not run (a missing program, no
# /dev/kvm, or a case that never exits 0).
set -euo pipefail

build=${1:-build}
runs=${RUNS:-20}
readonly goal=1.3

die() {
    echo "bench/boot/run.sh: $*" >&2
    exit 1
}

floor=$build/bench/boot/kvm_floor
timer=$build/bench/boot/time_runs
hvt=$build/bin/tenor-hvt
hello=$build/tests/guests/test_hello.hvt
for file in "$floor" "$timer" "$hvt" "$hello"; do
    [[ -f $file ]] || die "$file is missing: build first (make build, or cmake --build $build)"
done
[[ -r /dev/kvm && -w /dev/kvm ]] || die "/dev/kvm is missing or not usable by $(id -un): the benchmark boots real VMs"

echo "== boot time: whole-process wall time, $runs interleaved runs per case =="
echo "   $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -r), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The cases take turns (floor, quiet, banner, ...), so that noise from other
# work on the machine hits them alike. The floor comes first: the ratios are
# to its median in this same run.
results=$("$timer" --runs="$runs" \
    --case="kvm_floor (1 page, 1 vCPU, hlt)" "$floor" \
    --case="hello --mem=16 --solo5:quiet" "$hvt" --mem=16 "$hello" --solo5:quiet \
    --case="hello --mem=16 (banner)" "$hvt" --mem=16 "$hello" \
    --case="hello --mem=512 --solo5:quiet" "$hvt" "$hello" --solo5:quiet \
    --case="hello --mem=512 (banner)" "$hvt" "$hello") ||
    die "the timer failed (see above)"

awk -F'\t' -v goal="$goal" '
    function ms(ns) { return sprintf("%.2f", ns / 1e6) }
    BEGIN {
        printf "%-32s %10s %8s %8s %8s %8s  %s\n", "case", "median ms", "min ms", "p90 ms",
               "x floor", "goal", "verdict"
    }
    /^#/ { next }
    {
        name = $1; good = $2; failed = $3; is_floor = rows++ == 0
        if (good == 0) {
            printf "%-32s %10s %8s %8s %8s %8s  FAILED (see above)\n", name, "-", "-", "-", "-", "-"
            broken = 1
            next
        }
        if (is_floor) {
            floor = $5
            ratio = "1.00"; target = "-"; verdict = "floor"
        } else if (floor == "") {
            ratio = "-"; target = "-"; verdict = "no floor to compare with"
        } else {
            ratio = sprintf("%.2f", $5 / floor); target = sprintf("%.1fx", goal)
            verdict = $5 / floor <= goal ? "PASS" : "ABOVE GOAL"
        }
        if (failed > 0)
            verdict = verdict sprintf(" (%d failed runs left out)", failed)
        printf "%-32s %10s %8s %8s %8s %8s  %s\n", name, ms($5), ms($4), ms($6), ratio, target, verdict
    }
    END { exit broken }
' <<<"$results" || failed=1
echo "   x floor: median over the floor's median. The goal (${goal}x) is informative: nothing fails on it."
[[ -z ${failed-} ]] || die "a case could not run at all (see its error above the table)"
