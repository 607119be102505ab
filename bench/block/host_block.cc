// host_block.cc: the host's side of the block benchmark: bench_block.hvt's I/O, in the same order and at the same offsets, done with pread/pwrite straight on the image.
//
// Usage: host_block IMAGE READS SEQ_MIB
// Prints "result: host METRIC VALUE UNIT" lines, the format of
// bench_block.hvt (rand_read_4k_p50 and _p99 in ns, seq_read_1m and
// seq_write_1m in MiB/s), for bench/block/run.sh.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bench/common/clock.h"
#include "common/fd.h"
#include "common/format.h"
#include "common/result.h"

namespace tenor::bench {

namespace {

constexpr uint64_t kSmallIo = 4096;
constexpr uint64_t kLargeIo = 1024 * 1024;
// As bench_block.c: untimed reads first, and the same xorshift64 seed.
constexpr uint64_t kWarmupReads = 100;
constexpr uint64_t kSeed = 0x2545f4914f6cdd1dULL;
constexpr uint64_t kMaxReads = 10000000;
constexpr uint64_t kMaxSeqMib = 1 << 20;
constexpr const char* kUsage = "usage: host_block IMAGE READS SEQ_MIB";

struct Options {
    std::string image;
    uint64_t reads = 0;
    uint64_t seq_mib = 0;
};

// The guest's generator, step for step (xorshift64, Marsaglia 2003).
class Xorshift64 {
public:
    uint64_t next() {
        state_ ^= state_ << 13;
        state_ ^= state_ >> 7;
        state_ ^= state_ << 17;
        return state_;
    }

private:
    uint64_t state_ = kSeed;
};

Result<uint64_t> parse_count(std::string_view text, const char* what, uint64_t max) {
    uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value == 0 ||
        value > max)
        return fail(what, " '", std::string(text), "' is not a number from 1 to ", max, ": ", kUsage);
    return value;
}

Result<Options> parse_options(int argc, char** argv) {
    if (argc != 4)
        return fail("expected 3 arguments, got ", argc - 1, ": ", kUsage);
    Options options;
    options.image = argv[1];
    options.reads = TRY(parse_count(argv[2], "READS", kMaxReads));
    options.seq_mib = TRY(parse_count(argv[3], "SEQ_MIB", kMaxSeqMib));
    return options;
}

// Reads or writes exactly len bytes at offset; a short transfer is an error
// here, since the image is a fixed-size regular file.
Result<void> transfer(int fd, uint8_t* buf, uint64_t len, uint64_t offset, bool write) {
    ssize_t n = write ? pwrite(fd, buf, len, static_cast<off_t>(offset))
                      : pread(fd, buf, len, static_cast<off_t>(offset));
    if (n != static_cast<ssize_t>(len))
        return fail(write ? "pwrite" : "pread", " of ", len, " bytes at ", offset, " failed: ",
                    n < 0 ? errno_text() : "short transfer of " + std::to_string(n) + " bytes");
    return Ok{};
}

// The sample at or above percent of all samples (nearest rank), as bench_block.c computes it.
uint64_t percentile(const std::vector<uint64_t>& sorted, uint64_t percent) {
    uint64_t rank = (sorted.size() * percent + 99) / 100;
    return sorted[rank == 0 ? 0 : rank - 1];
}

void report(const char* metric, double value, const char* unit) {
    printf("result: host %s %.1f %s\n", metric, value, unit);
}

Result<void> random_reads(int fd, uint64_t capacity, uint64_t reads, uint8_t* buf) {
    Xorshift64 rng;
    uint64_t slots = capacity / kSmallIo;
    for (uint64_t i = 0; i < kWarmupReads; i++)
        TRY_VOID(transfer(fd, buf, kSmallIo, (rng.next() % slots) * kSmallIo, false));
    std::vector<uint64_t> samples(reads);
    for (uint64_t& sample : samples) {
        uint64_t offset = (rng.next() % slots) * kSmallIo;
        uint64_t start = now_ns();
        TRY_VOID(transfer(fd, buf, kSmallIo, offset, false));
        sample = now_ns() - start;
    }
    std::sort(samples.begin(), samples.end());
    report("rand_read_4k_p50", static_cast<double>(percentile(samples, 50)), "ns");
    report("rand_read_4k_p99", static_cast<double>(percentile(samples, 99)), "ns");
    return Ok{};
}

Result<void> sequential(int fd, uint64_t capacity, uint64_t mib, uint8_t* buf, bool write) {
    uint64_t slots = capacity / kLargeIo;
    uint64_t start = now_ns();
    for (uint64_t i = 0; i < mib; i++)
        TRY_VOID(transfer(fd, buf, kLargeIo, (i % slots) * kLargeIo, write));
    uint64_t elapsed = now_ns() - start;
    report(write ? "seq_write_1m" : "seq_read_1m",
           static_cast<double>(mib) * 1e9 / static_cast<double>(elapsed ? elapsed : 1), "MiB/s");
    return Ok{};
}

Result<void> run(int argc, char** argv) {
    Options options = TRY(parse_options(argc, argv));
    UniqueFd fd(open(options.image.c_str(), O_RDWR | O_CLOEXEC));
    if (!fd.valid())
        return fail("cannot open ", options.image, " read-write: ", errno_text());
    struct stat st;
    if (fstat(fd.get(), &st) < 0)
        return fail("cannot stat ", options.image, ": ", errno_text());
    uint64_t capacity = static_cast<uint64_t>(st.st_size);
    if (capacity < kLargeIo || capacity % kLargeIo != 0)
        return fail(options.image, " is ", capacity, " bytes: give an image of a whole number of MiB");
    // Page-aligned, like guest memory, and touched before timing, as the guest touches its buffer.
    void* memory = std::aligned_alloc(kSmallIo, kLargeIo);
    if (!memory)
        return fail("cannot allocate a 1 MiB buffer");
    std::unique_ptr<uint8_t, decltype(&std::free)> buf(static_cast<uint8_t*>(memory), &std::free);
    std::memset(buf.get(), 0x5a, kLargeIo);
    TRY_VOID(random_reads(fd.get(), capacity, options.reads, buf.get()));
    TRY_VOID(sequential(fd.get(), capacity, options.seq_mib, buf.get(), false));
    TRY_VOID(sequential(fd.get(), capacity, options.seq_mib, buf.get(), true));
    return Ok{};
}

}  // namespace

}  // namespace tenor::bench

int main(int argc, char** argv) {
    auto done = tenor::bench::run(argc, argv);
    if (!done) {
        fprintf(stderr, "host_block: %s\n", done.error().message.c_str());
        return 1;
    }
    return 0;
}
