#!/usr/bin/env bash
# run.sh: boot-time benchmark: whole-process wall time of tenor-hvt booting test_hello.hvt against the smallest KVM lifecycle, and of tenor-spt booting test_hello.spt against /bin/true, each measured in one interleaved run.
#
# Usage: bench/boot/run.sh [BUILD_DIR]      (default BUILD_DIR: build)
# Environment: RUNS=N timed runs per case (default 20).
# The tables are informative: the exit status is 0 whatever the figures, and
# non-zero only when the benchmark could not run (a missing program, or a
# case that never exits 0). Without a usable /dev/kvm only the spt table is
# printed.
set -euo pipefail

build=${1:-build}
runs=${RUNS:-20}
readonly goal=1.3
readonly spt_goal=1.5

die() {
    echo "bench/boot/run.sh: $*" >&2
    exit 1
}

floor=$build/bench/boot/kvm_floor
timer=$build/bench/boot/time_runs
hvt=$build/bin/tenor-hvt
hello=$build/tests/guests/test_hello.hvt
spt=$build/bin/tenor-spt
spt_hello=$build/tests/guests/test_hello.spt
for file in "$floor" "$timer" "$hvt" "$hello" "$spt" "$spt_hello"; do
    [[ -f $file ]] || die "$file is missing: build first (make build, or cmake --build $build)"
done

# Prints the table of the timer's results $2, whose first case is the
# floor, with $1 as the goal for the other cases' ratio to it. Fails if a
# case never exited 0.
print_table() {
    awk -F'\t' -v goal="$1" '
        function ms(ns) { return sprintf("%.2f", ns / 1e6) }
        BEGIN {
            printf "%-34s %10s %8s %8s %8s %8s  %s\n", "case", "median ms", "min ms", "p90 ms",
                   "x floor", "goal", "verdict"
        }
        /^#/ { next }
        {
            name = $1; good = $2; failed = $3; is_floor = rows++ == 0
            if (good == 0) {
                printf "%-34s %10s %8s %8s %8s %8s  FAILED (see above)\n", name, "-", "-", "-", "-", "-"
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
            printf "%-34s %10s %8s %8s %8s %8s  %s\n", name, ms($5), ms($4), ms($6), ratio, target, verdict
        }
        END { exit broken }
    ' <<<"$2"
}

echo "== boot time: whole-process wall time, $runs interleaved runs per case =="
echo "   $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -r), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The cases take turns (floor, quiet, banner, ...), so that noise from other
# work on the machine hits them alike. The floor comes first: the ratios are
# to its median in this same run.
if [[ -r /dev/kvm && -w /dev/kvm ]]; then
    results=$("$timer" --runs="$runs" \
        --case="kvm_floor (1 page, 1 vCPU, hlt)" "$floor" \
        --case="hello --mem=16 --solo5:quiet" "$hvt" --mem=16 "$hello" --solo5:quiet \
        --case="hello --mem=16 (banner)" "$hvt" --mem=16 "$hello" \
        --case="hello --mem=512 --solo5:quiet" "$hvt" "$hello" --solo5:quiet \
        --case="hello --mem=512 (banner)" "$hvt" "$hello") ||
        die "the timer failed (see above)"
    print_table "$goal" "$results" || failed=1
    echo "   x floor: median over the floor's median. The goal (${goal}x) is informative: nothing fails on it."
else
    echo "   tenor-hvt: skipped: /dev/kvm is missing or not usable by $(id -un)"
fi

# tenor-spt runs the guest inside its own process, so its floor is the
# smallest process there is: /bin/true, dynamically linked like tenor-spt.
spt_results=$("$timer" --runs="$runs" \
    --case="/bin/true" /bin/true \
    --case="spt hello --mem=16 --solo5:quiet" "$spt" --mem=16 "$spt_hello" --solo5:quiet \
    --case="spt hello --mem=16 (banner)" "$spt" --mem=16 "$spt_hello" \
    --case="spt hello --mem=512 --solo5:quiet" "$spt" "$spt_hello" --solo5:quiet \
    --case="spt hello --mem=512 (banner)" "$spt" "$spt_hello") ||
    die "the timer failed (see above)"
print_table "$spt_goal" "$spt_results" || failed=1
echo "   x floor: median over /bin/true's median. The goal (${spt_goal}x) is informative: nothing fails on it."
[[ -z ${failed-} ]] || die "a case could not run at all (see its error above the table)"
