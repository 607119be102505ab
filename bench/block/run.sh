#!/usr/bin/env bash
# run.sh: block benchmark: 4 KiB random read latency and 1 MiB sequential throughput from a tenor-hvt guest, against pread/pwrite on the host and the raw exit floor, all measured in one run.
#
# Usage: bench/block/run.sh [BUILD_DIR]      (default BUILD_DIR: build)
# Environment: ROUNDS (default 3) rounds of host, guest and raw exit taking
# turns; READS (default 20000) timed 4 KiB reads; SEQ_MIB (default 1024) MiB
# per sequential pass; IMAGE_MIB (default 1024) the image's size; TMPDIR
# where the image is created (it needs IMAGE_MIB of free space). Each figure
# is the median over the rounds.
#
# The image is filled with random data, then read once in full, and both
# sides run warm: every read is served from the page cache, and writes go to
# it (no fsync). That measures what tenor adds to a host read or write, not
# the disk; the page cache is never dropped, since that would slow down
# everything else on the machine.
#
# The table is informative: the exit status is 0 whatever the figures, and
# non-zero only when the benchmark could not run.
set -euo pipefail

build=${1:-build}
rounds=${ROUNDS:-3}
reads=${READS:-20000}
seq_mib=${SEQ_MIB:-1024}
image_mib=${IMAGE_MIB:-1024}
readonly latency_goal=2.0
readonly throughput_goal=0.70
readonly exits=20000

die() {
    echo "bench/block/run.sh: $*" >&2
    exit 1
}

host=$build/bench/block/host_block
guest=$build/bench/block/bench_block.hvt
hvt=$build/bin/tenor-hvt
raw=$build/bench/hypercall/raw_exit
for file in "$host" "$guest" "$hvt" "$raw"; do
    [[ -f $file ]] || die "$file is missing: build first (make build, or cmake --build $build)"
done
[[ -r /dev/kvm && -w /dev/kvm ]] || die "/dev/kvm is missing or not usable by $(id -un): the benchmark boots real VMs"
for setting in rounds reads seq_mib image_mib; do
    [[ ${!setting} =~ ^[1-9][0-9]*$ ]] || die "${setting^^}=${!setting} is not a positive integer"
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/tenor-bench-block.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf "$scratch"' EXIT
image=$scratch/bench.img
results=$scratch/results

echo "== block I/O: tenor-hvt guest against host pread/pwrite on the same ${image_mib} MiB image, warm page cache =="
echo "   $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -r), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "   $rounds rounds; $reads random 4 KiB reads, $seq_mib MiB per sequential pass; figures are medians over the rounds"

fallocate -l "${image_mib}M" "$image" 2>/dev/null || truncate -s "${image_mib}M" "$image"
dd if=/dev/urandom of="$image" bs=1M count="$image_mib" conv=notrunc status=none ||
    die "cannot fill $image with data (is there ${image_mib} MiB free in ${TMPDIR:-/tmp}?)"
cat "$image" >/dev/null

# The three take turns, so that noise from other work on the machine hits them alike.
: >"$results"
for ((round = 1; round <= rounds; round++)); do
    "$host" "$image" "$reads" "$seq_mib" >>"$results" || die "host_block failed (see above)"
    output=$("$hvt" --mem=64 --block:storage="$image" "$guest" --solo5:quiet "$reads" "$seq_mib") ||
        die "tenor-hvt $guest failed with status $? (see above); its output was: $output"
    grep '^result: ' <<<"$output" >>"$results" || die "the guest printed no results: $output"
    "$raw" "$exits" | sed 's/^result: raw_exit [0-9]* calls \([0-9.]*\) ns\/call$/result: raw exit \1 ns/' \
        >>"$results" || die "raw_exit failed (see above)"
done

# Lines are "result: SIDE METRIC VALUE UNIT".
awk -v latency_goal="$latency_goal" -v throughput_goal="$throughput_goal" '
    {
        key = $2 " " $3
        i = count[key]++
        # Insertion sort: a handful of rounds per figure.
        while (i > 0 && value[key, i - 1] > $4 + 0) {
            value[key, i] = value[key, i - 1]
            i--
        }
        value[key, i] = $4 + 0
    }
    function median(key,    n) {
        n = count[key]
        if (n == 0) {
            printf "bench/block/run.sh: no figure for %s\n", key > "/dev/stderr"
            exit 1
        }
        return n % 2 ? value[key, (n - 1) / 2] : (value[key, n / 2 - 1] + value[key, n / 2]) / 2
    }
    function latency_row(label, metric, judged,    hvt, host, floor, ratio, goal, verdict) {
        hvt = median("hvt " metric); host = median("host " metric)
        floor = host + median("raw exit")
        ratio = hvt / floor
        verdict = !judged ? "info" : ratio <= latency_goal ? "PASS" : "ABOVE GOAL"
        goal = judged ? sprintf("%.1fx floor", latency_goal) : "-"
        printf "%-30s %10.1f us %10.1f us %10.1f us %8.2fx %16s  %s\n", label, hvt / 1000, host / 1000,
               floor / 1000, ratio, goal, verdict
    }
    # The ceiling: what the host achieves with one raw exit added to every 1 MiB.
    function throughput_row(label, metric,    hvt, host, ceiling, ratio, verdict) {
        hvt = median("hvt " metric); host = median("host " metric)
        ceiling = 1e9 / (1e9 / host + median("raw exit"))
        ratio = hvt / host
        verdict = ratio >= throughput_goal ? "PASS" : "BELOW GOAL"
        printf "%-30s %8.0f MiB/s %7.0f MiB/s %7.0f MiB/s %7.1f%% %16s  %s\n", label, hvt, host,
               ceiling, ratio * 100, sprintf("%d%% of host", throughput_goal * 100), verdict
    }
    END {
        printf "%-30s %13s %13s %13s %9s %16s  %s\n", "figure", "tenor-hvt", "host", "floor/ceiling",
               "ratio", "goal (at most / least)", "verdict"
        latency_row("4 KiB random read, median", "rand_read_4k_p50", 1)
        latency_row("4 KiB random read, p99", "rand_read_4k_p99", 0)
        throughput_row("1 MiB sequential read", "seq_read_1m")
        throughput_row("1 MiB sequential write", "seq_write_1m")
        printf "   raw exit (bench/hypercall/raw_exit, CPL3 out loop): %.1f ns per exit\n", median("raw exit")
    }
' "$results"
echo "   latency: floor = the host's pread at the same percentile + one raw exit; ratio = tenor-hvt / floor."
echo "   throughput: ratio = tenor-hvt / host; the floor column is the ceiling one raw exit per 1 MiB allows."
echo "   Warm page cache on both sides. The goals are informative: nothing fails on them."
