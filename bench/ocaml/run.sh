#!/usr/bin/env bash
# run.sh: OCaml unikernel benchmarks: whole-process boot time of hello on hvt and spt beside the C hello guest, and binary trees as a unikernel beside the same program built for Linux, measured in one interleaved run.
#
# Usage: bench/ocaml/run.sh [BUILD_DIR]      (default BUILD_DIR: build)
# Environment: RUNS=N boot runs per case (default 20); TREE_RUNS=N binary
# trees runs per case (default 5); DEPTH=N the trees' depth (default 20,
# about 2 s natively).
# The tables are informative: the exit status is 0 whatever the figures, and
# non-zero only when the benchmark could not run.
set -euo pipefail

build=${1:-build}
runs=${RUNS:-20}
tree_runs=${TREE_RUNS:-5}
depth=${DEPTH:-20}
readonly goal=1.15

die() {
    echo "bench/ocaml/run.sh: $*" >&2
    exit 1
}

timer=$build/bench/boot/time_runs
bench=$build/bench/ocaml
guests=$build/tests/guests
targets=(hvt)
[[ -x $build/bin/tenor-spt && -f $bench/bench-hello.spt ]] && targets+=(spt)
for file in "$timer" "$build/bin/tenor-hvt" "$bench/bench-hello.hvt" "$bench/bench-trees.hvt" \
    "$bench/trees.native" "$guests/test_hello.hvt"; do
    [[ -f $file ]] || die "$file is missing: build first (make build, or cmake --build $build)"
done
[[ -r /dev/kvm && -w /dev/kvm ]] || die "/dev/kvm is missing or not usable by $(id -un): the benchmark boots real VMs"

# table GOAL: prints the timer's output (on stdin) as a table whose ratios
# are to the median of the first case; GOAL "-" prints no verdict.
table() {
    awk -F'\t' -v goal="$1" '
        function ms(ns) { return sprintf("%.2f", ns / 1e6) }
        BEGIN { printf "%-34s %10s %8s %8s %8s %8s  %s\n", "case", "median ms", "min ms", "p90 ms", "ratio", "goal", "verdict" }
        /^#/ { next }
        {
            name = $1; good = $2; failed = $3
            if (good == 0) {
                printf "%-34s %10s %8s %8s %8s %8s  FAILED (see above)\n", name, "-", "-", "-", "-", "-"
                broken = 1; rows++; next
            }
            if (rows++ == 0) { base = $5; ratio = "1.00"; target = "-"; verdict = "baseline" }
            else {
                ratio = sprintf("%.2f", $5 / base)
                if (goal == "-") { target = "-"; verdict = "-" }
                else { target = sprintf("%.2fx", goal); verdict = $5 / base <= goal ? "PASS" : "ABOVE GOAL" }
            }
            if (failed > 0) verdict = verdict sprintf(" (%d failed runs left out)", failed)
            printf "%-34s %10s %8s %8s %8s %8s  %s\n", name, ms($5), ms($4), ms($6), ratio, target, verdict
        }
        END { exit broken }'
}

echo "== OCaml unikernels: $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -r), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== boot time of hello (whole process, $runs interleaved runs per case; ratio to the C hello on hvt)"
cases=()
for target in "${targets[@]}"; do
    monitor=$build/bin/tenor-$target
    cases+=(--case="C test_hello.$target" "$monitor" --mem=16 "$guests/test_hello.$target" --solo5:quiet)
    cases+=(--case="OCaml hello.$target --mem=16" "$monitor" --mem=16 "$bench/bench-hello.$target" --solo5:quiet)
    cases+=(--case="OCaml hello.$target --mem=512" "$monitor" "$bench/bench-hello.$target" --solo5:quiet)
done
"$timer" --runs="$runs" "${cases[@]}" | table - || die "a boot case could not run (see above)"

# time_case NAME COMMAND...: runs COMMAND once, appending "NAME<TAB>wall<TAB>cpu"
# (seconds; cpu is user + system time of the process and its threads, which
# for hvt includes the guest's time on its vCPU) to $samples.
time_case() {
    local name=$1 timing
    shift
    timing=$( { TIMEFORMAT='%3R %3U %3S'; time "$@" >/dev/null 2>"$errors"; } 2>&1 ) ||
        die "'$*' failed: $(cat "$errors")"
    read -r wall user sys <<<"$timing"
    printf '%s\t%s\t%s\n' "$name" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')" >>"$samples"
}

# Medians per case (in the order of first appearance) and their ratios to
# the first case's, for wall and CPU time; the verdict is on CPU time, which
# other work on a shared machine disturbs less than wall time.
tree_table() {
    awk -F'\t' -v goal="$goal" '
        function median(list, n,   a, i, j, t) {
            split(list, a, " ")
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        !($1 in count) { order[++cases] = $1 }
        { count[$1]++; wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " $3 }
        END {
            printf "%-34s %9s %9s %9s %9s %7s  %s\n", "case", "wall s", "ratio", "cpu s", "ratio", "goal", "verdict"
            for (i = 1; i <= cases; i++) {
                c = order[i]; w = median(wall[c], count[c]); p = median(cpu[c], count[c])
                if (i == 1) { bw = w; bp = p; verdict = "baseline"; target = "-" }
                else { target = sprintf("%.2fx", goal); verdict = p / bp <= goal ? "PASS" : "ABOVE GOAL" }
                printf "%-34s %9.3f %9.2f %9.3f %9.2f %7s  %s\n", c, w, w / bw, p, p / bp, target, verdict
            }
        }' "$samples"
}

echo
echo "== binary trees of depth $depth ($tree_runs interleaved runs per case; medians, ratios to native Linux)"
samples=$(mktemp)
errors=$(mktemp)
trap 'rm -f "$samples" "$errors"' EXIT
for ((round = 0; round < tree_runs; round++)); do
    time_case "native Linux (ocamlopt -g)" "$bench/trees.native" "$depth"
    for target in "${targets[@]}"; do
        time_case "unikernel on $target --mem=512" "$build/bin/tenor-$target" "$bench/bench-trees.$target" --solo5:quiet "$depth"
    done
done
tree_table
echo "   Goal: the unikernel within ${goal}x of native Linux in CPU time (informative: nothing fails on it)."
