// alloc_test.cc: the unikernel allocator (ocaml/alloc) compiled for the host and driven hard, with a shadow copy of every block.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <vector>

#include "tenor_alloc.h"

namespace {

constexpr size_t kMiB = 1024 * 1024;

// A heap over a region of the host's memory; the region is deliberately
// misaligned by `skew` bytes so that the allocator's own alignment is tested.
class Heap {
public:
    explicit Heap(size_t size, size_t skew = 0)
        : storage_(new uint8_t[size + skew + 64]), size_(size) {
        base_ = storage_.get() + skew;
        ok_ = tenor_heap_init(&heap_, base_, size);
    }

    bool ok() const { return ok_; }
    tenor_heap *get() { return &heap_; }
    uint8_t *base() const { return base_; }
    size_t size() const { return size_; }

    tenor_heap_stats stats() const {
        tenor_heap_stats s;
        tenor_heap_get_stats(&heap_, &s);
        return s;
    }

    // Fails the test with the allocator's own words if an invariant is broken.
    void expect_consistent() const {
        const char *problem = tenor_heap_check(&heap_);
        EXPECT_EQ(problem, nullptr) << problem;
        tenor_heap_stats s = stats();
        EXPECT_EQ(s.in_use_bytes + s.free_bytes + s.overhead_bytes, s.region_size);
    }

    bool contains(const void *p, size_t n) const {
        auto a = reinterpret_cast<uintptr_t>(p);
        auto lo = reinterpret_cast<uintptr_t>(base_);
        return a >= lo && a + n <= lo + size_;
    }

private:
    std::unique_ptr<uint8_t[]> storage_;
    uint8_t *base_;
    size_t size_;
    tenor_heap heap_;
    bool ok_;
};

uint8_t pattern(uint32_t id, size_t i) {
    return static_cast<uint8_t>(id * 131u + i * 7u + 1u);
}

// The live blocks of a heap as the test believes them to be: address, size and
// the id whose pattern fills them. Detects overlaps and corrupted contents.
class Shadow {
public:
    explicit Shadow(Heap &heap) : heap_(heap) {}

    void add(void *p, size_t size, uint32_t id) {
        ASSERT_NE(p, nullptr);
        ASSERT_EQ(reinterpret_cast<uintptr_t>(p) % TENOR_ALLOC_ALIGNMENT, 0u);
        ASSERT_TRUE(heap_.contains(p, size));
        ASSERT_GE(tenor_heap_usable_size(heap_.get(), p), size);
        auto a = reinterpret_cast<uintptr_t>(p);
        auto next = blocks_.lower_bound(a);
        if (next != blocks_.end()) {
            ASSERT_GE(next->first, a + std::max<size_t>(size, 1)) << "block overlaps the next live block";
        }
        if (next != blocks_.begin()) {
            auto prev = std::prev(next);
            ASSERT_LE(prev->first + std::max<size_t>(prev->second.size, 1), a)
                    << "block overlaps the previous live block";
        }
        fill(p, size, id);
        blocks_[a] = {size, id};
    }

    void verify(const void *p) const {
        auto it = blocks_.find(reinterpret_cast<uintptr_t>(p));
        ASSERT_NE(it, blocks_.end());
        const auto *bytes = static_cast<const uint8_t *>(p);
        size_t i = 0;
        while (i < it->second.size && bytes[i] == pattern(it->second.id, i))
            i++;
        ASSERT_EQ(i, it->second.size) << "byte " << i << " of a live block changed";
    }

    void remove(const void *p) { blocks_.erase(reinterpret_cast<uintptr_t>(p)); }

    size_t count() const { return blocks_.size(); }

    void *pick(std::mt19937_64 &rng) const {
        auto it = blocks_.begin();
        std::advance(it, static_cast<long>(rng() % blocks_.size()));
        return reinterpret_cast<void *>(it->first);
    }

    size_t size_of(const void *p) const { return blocks_.at(reinterpret_cast<uintptr_t>(p)).size; }
    uint32_t id_of(const void *p) const { return blocks_.at(reinterpret_cast<uintptr_t>(p)).id; }

    static void fill(void *p, size_t size, uint32_t id) {
        auto *bytes = static_cast<uint8_t *>(p);
        for (size_t i = 0; i < size; i++)
            bytes[i] = pattern(id, i);
    }

private:
    struct Block {
        size_t size;
        uint32_t id;
    };
    Heap &heap_;
    std::map<uintptr_t, Block> blocks_;
};

// Sizes weighted towards small blocks, as an OCaml program's C side allocates,
// with the occasional large one (major heap chunks, Bigarrays).
size_t random_size(std::mt19937_64 &rng) {
    switch (rng() % 10) {
    case 0:
        return rng() % 200000;
    case 1:
    case 2:
        return rng() % 4096;
    default:
        return rng() % 256;
    }
}

TEST(OcamlAlloc, InitRefusesTooSmallOrNullRegions) {
    tenor_heap heap;
    uint8_t tiny[64];
    EXPECT_FALSE(tenor_heap_init(&heap, tiny, sizeof(tiny)));
    EXPECT_FALSE(tenor_heap_init(&heap, nullptr, kMiB));
}

TEST(OcamlAlloc, EmptyHeapIsOneFreeChunk) {
    for (size_t skew = 0; skew < 16; skew++) {
        Heap heap(kMiB, skew);
        ASSERT_TRUE(heap.ok());
        tenor_heap_stats s = heap.stats();
        EXPECT_EQ(s.region_size, kMiB);
        EXPECT_EQ(s.in_use_bytes, 0u);
        EXPECT_EQ(s.live_blocks, 0u);
        EXPECT_EQ(s.free_blocks, 1u);
        EXPECT_EQ(s.largest_free_bytes, s.free_bytes);
        EXPECT_LE(s.overhead_bytes, 32u) << "skew " << skew;
        heap.expect_consistent();
    }
}

TEST(OcamlAlloc, BlocksAreAlignedAndUsable) {
    Heap heap(kMiB, 3);
    Shadow shadow(heap);
    for (size_t size = 0; size < 600; size++) {
        void *p = tenor_heap_alloc(heap.get(), size);
        shadow.add(p, size, static_cast<uint32_t>(size));
    }
    heap.expect_consistent();
    EXPECT_EQ(heap.stats().live_blocks, 600u);
}

TEST(OcamlAlloc, FreeingEverythingMergesBackIntoOneChunk) {
    Heap heap(kMiB);
    size_t empty_free = heap.stats().free_bytes;
    std::vector<void *> blocks;
    for (int i = 0; i < 100; i++)
        blocks.push_back(tenor_heap_alloc(heap.get(), 100 + i * 37));
    // Odd blocks first: only the last one has a free neighbour (the rest of
    // the region) and merges with it. Then even blocks, each of which has
    // free chunks on both sides.
    for (size_t i = 1; i < blocks.size(); i += 2)
        ASSERT_EQ(tenor_heap_free(heap.get(), blocks[i]), TENOR_HEAP_OK);
    heap.expect_consistent();
    EXPECT_EQ(heap.stats().free_blocks, 50u);
    for (size_t i = 0; i < blocks.size(); i += 2)
        ASSERT_EQ(tenor_heap_free(heap.get(), blocks[i]), TENOR_HEAP_OK);
    heap.expect_consistent();
    tenor_heap_stats s = heap.stats();
    EXPECT_EQ(s.free_blocks, 1u);
    EXPECT_EQ(s.free_bytes, empty_free);
    EXPECT_EQ(s.largest_free_bytes, empty_free);
    EXPECT_EQ(s.in_use_bytes, 0u);
}

TEST(OcamlAlloc, FreedSpaceIsReusedFirst) {
    Heap heap(kMiB);
    void *a = tenor_heap_alloc(heap.get(), 64);
    void *b = tenor_heap_alloc(heap.get(), 64);
    ASSERT_EQ(tenor_heap_free(heap.get(), a), TENOR_HEAP_OK);
    EXPECT_EQ(tenor_heap_alloc(heap.get(), 64), a);
    ASSERT_EQ(tenor_heap_free(heap.get(), b), TENOR_HEAP_OK);
    heap.expect_consistent();
}

TEST(OcamlAlloc, MergedNeighboursHoldALargerBlock) {
    Heap heap(kMiB);
    void *a = tenor_heap_alloc(heap.get(), 1000);
    void *b = tenor_heap_alloc(heap.get(), 1000);
    void *c = tenor_heap_alloc(heap.get(), 1000);
    void *guard = tenor_heap_alloc(heap.get(), 16);
    ASSERT_EQ(tenor_heap_free(heap.get(), a), TENOR_HEAP_OK);
    ASSERT_EQ(tenor_heap_free(heap.get(), c), TENOR_HEAP_OK);
    ASSERT_EQ(tenor_heap_free(heap.get(), b), TENOR_HEAP_OK);
    // The three chunks are one again: a 3000-byte block fits exactly there.
    EXPECT_EQ(tenor_heap_alloc(heap.get(), 3000), a);
    tenor_heap_free(heap.get(), guard);
    heap.expect_consistent();
}

TEST(OcamlAlloc, ExhaustionReturnsNullAndRecovers) {
    Heap heap(kMiB);
    std::vector<void *> blocks;
    for (;;) {
        void *p = tenor_heap_alloc(heap.get(), 4000);
        if (p == nullptr)
            break;
        blocks.push_back(p);
    }
    EXPECT_GT(blocks.size(), 200u);
    EXPECT_EQ(heap.stats().failed_allocations, 1u);
    EXPECT_EQ(tenor_heap_alloc(heap.get(), 4000), nullptr);
    heap.expect_consistent();
    for (void *p : blocks)
        ASSERT_EQ(tenor_heap_free(heap.get(), p), TENOR_HEAP_OK);
    // With everything back, nearly the whole region is one block again.
    void *big = tenor_heap_alloc(heap.get(), kMiB - 64);
    EXPECT_NE(big, nullptr);
    EXPECT_EQ(tenor_heap_alloc(heap.get(), kMiB), nullptr);
    heap.expect_consistent();
}

TEST(OcamlAlloc, ImpossibleSizesReturnNull) {
    Heap heap(kMiB);
    EXPECT_EQ(tenor_heap_alloc(heap.get(), SIZE_MAX), nullptr);
    EXPECT_EQ(tenor_heap_alloc(heap.get(), SIZE_MAX - 8), nullptr);
    EXPECT_EQ(tenor_heap_alloc(heap.get(), 2 * kMiB), nullptr);
    EXPECT_EQ(tenor_heap_alloc_aligned(heap.get(), 64, SIZE_MAX - 100), nullptr);
    EXPECT_EQ(tenor_heap_alloc_aligned(heap.get(), size_t{1} << 62, 16), nullptr);
    void *p = tenor_heap_alloc(heap.get(), 10);
    void *out = p;
    EXPECT_EQ(tenor_heap_realloc(heap.get(), p, SIZE_MAX, &out), TENOR_HEAP_OK);
    EXPECT_EQ(out, nullptr);
    EXPECT_TRUE(tenor_heap_is_live(heap.get(), p)) << "a failed realloc must leave the block alone";
    heap.expect_consistent();
}

TEST(OcamlAlloc, AlignedBlocks) {
    Heap heap(4 * kMiB, 8);
    Shadow shadow(heap);
    std::mt19937_64 rng(7);
    uint32_t id = 0;
    for (size_t alignment = 1; alignment <= 65536; alignment *= 2) {
        for (int i = 0; i < 8; i++) {
            size_t size = rng() % 3000;
            void *p = tenor_heap_alloc_aligned(heap.get(), alignment, size);
            ASSERT_NE(p, nullptr);
            EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % alignment, 0u) << "alignment " << alignment;
            shadow.add(p, size, ++id);
        }
    }
    heap.expect_consistent();
    EXPECT_EQ(tenor_heap_alloc_aligned(heap.get(), 48, 10), nullptr) << "48 is not a power of two";
    EXPECT_EQ(tenor_heap_alloc_aligned(heap.get(), 0, 10), nullptr);
}

TEST(OcamlAlloc, ReallocGrowsIntoAFreeNeighbourInPlace) {
    Heap heap(kMiB);
    void *a = tenor_heap_alloc(heap.get(), 100);
    void *b = tenor_heap_alloc(heap.get(), 5000);
    void *c = tenor_heap_alloc(heap.get(), 100);
    Shadow::fill(a, 100, 9);
    ASSERT_EQ(tenor_heap_free(heap.get(), b), TENOR_HEAP_OK);
    void *grown = nullptr;
    ASSERT_EQ(tenor_heap_realloc(heap.get(), a, 4000, &grown), TENOR_HEAP_OK);
    EXPECT_EQ(grown, a);
    for (size_t i = 0; i < 100; i++)
        ASSERT_EQ(static_cast<uint8_t *>(grown)[i], pattern(9, i));
    heap.expect_consistent();
    tenor_heap_free(heap.get(), c);
    tenor_heap_free(heap.get(), grown);
    heap.expect_consistent();
}

TEST(OcamlAlloc, ReallocShrinksInPlaceAndReleasesTheTail) {
    Heap heap(kMiB);
    void *a = tenor_heap_alloc(heap.get(), 10000);
    void *guard = tenor_heap_alloc(heap.get(), 16);
    size_t used = heap.stats().in_use_bytes;
    void *shrunk = nullptr;
    ASSERT_EQ(tenor_heap_realloc(heap.get(), a, 100, &shrunk), TENOR_HEAP_OK);
    EXPECT_EQ(shrunk, a);
    EXPECT_LE(heap.stats().in_use_bytes, used - 9800);
    heap.expect_consistent();
    tenor_heap_free(heap.get(), guard);
    tenor_heap_free(heap.get(), shrunk);
}

TEST(OcamlAlloc, ReallocMovesWhenBlockedAndKeepsContents) {
    Heap heap(kMiB);
    void *a = tenor_heap_alloc(heap.get(), 300);
    void *guard = tenor_heap_alloc(heap.get(), 16);
    Shadow::fill(a, 300, 4);
    void *moved = nullptr;
    ASSERT_EQ(tenor_heap_realloc(heap.get(), a, 20000, &moved), TENOR_HEAP_OK);
    ASSERT_NE(moved, nullptr);
    EXPECT_NE(moved, a);
    EXPECT_FALSE(tenor_heap_is_live(heap.get(), a));
    for (size_t i = 0; i < 300; i++)
        ASSERT_EQ(static_cast<uint8_t *>(moved)[i], pattern(4, i));
    heap.expect_consistent();
    tenor_heap_free(heap.get(), guard);
    tenor_heap_free(heap.get(), moved);
}

TEST(OcamlAlloc, ReallocOfNullAllocates) {
    Heap heap(kMiB);
    void *p = nullptr;
    ASSERT_EQ(tenor_heap_realloc(heap.get(), nullptr, 50, &p), TENOR_HEAP_OK);
    EXPECT_TRUE(tenor_heap_is_live(heap.get(), p));
}

TEST(OcamlAlloc, InvalidAndDoubleFreesAreRefused) {
    Heap heap(kMiB);
    void *p = tenor_heap_alloc(heap.get(), 64);
    void *q = tenor_heap_alloc(heap.get(), 64);
    int outside = 0;
    EXPECT_EQ(tenor_heap_free(heap.get(), &outside), TENOR_HEAP_INVALID_POINTER);
    EXPECT_EQ(tenor_heap_free(heap.get(), static_cast<uint8_t *>(p) + 16), TENOR_HEAP_INVALID_POINTER);
    EXPECT_EQ(tenor_heap_free(heap.get(), static_cast<uint8_t *>(p) + 1), TENOR_HEAP_INVALID_POINTER);
    EXPECT_EQ(tenor_heap_free(heap.get(), p), TENOR_HEAP_OK);
    EXPECT_EQ(tenor_heap_free(heap.get(), p), TENOR_HEAP_INVALID_POINTER);
    void *out = nullptr;
    EXPECT_EQ(tenor_heap_realloc(heap.get(), p, 10, &out), TENOR_HEAP_INVALID_POINTER);
    EXPECT_EQ(tenor_heap_free(heap.get(), nullptr), TENOR_HEAP_OK);
    EXPECT_EQ(tenor_heap_usable_size(heap.get(), p), 0u);
    heap.expect_consistent();
    EXPECT_EQ(tenor_heap_free(heap.get(), q), TENOR_HEAP_OK);
}

TEST(OcamlAlloc, CheckNamesACorruptedHeader) {
    Heap heap(kMiB);
    auto *p = static_cast<uint8_t *>(tenor_heap_alloc(heap.get(), 64));
    tenor_heap_alloc(heap.get(), 64);
    // Overwrite the first block's header as a buffer underflow would.
    const uint64_t smashed = 0x11;
    std::memcpy(p - 8, &smashed, sizeof(smashed));
    EXPECT_STREQ(tenor_heap_check(heap.get()),
                 "a chunk has a size that is not a multiple of 16 of at least 32 bytes");
}

TEST(OcamlAlloc, CheckNamesAnOverwrittenFooter) {
    Heap heap(kMiB);
    void *a = tenor_heap_alloc(heap.get(), 64);
    tenor_heap_alloc(heap.get(), 64);
    tenor_heap_free(heap.get(), a);
    // a's chunk is 80 bytes; its footer is the last word of the chunk.
    std::memset(static_cast<uint8_t *>(a) + 80 - 16, 0, 8);
    EXPECT_STREQ(tenor_heap_check(heap.get()), "a free chunk's footer differs from its header");
}

TEST(OcamlAlloc, PeakTracksTheHighestUse) {
    Heap heap(kMiB);
    void *a = tenor_heap_alloc(heap.get(), 100000);
    size_t peak = heap.stats().in_use_bytes;
    tenor_heap_free(heap.get(), a);
    tenor_heap_alloc(heap.get(), 10);
    EXPECT_EQ(heap.stats().peak_in_use_bytes, peak);
    EXPECT_GE(peak, 100000u);
}

// Random alloc/free/realloc/aligned sequences with every live block's
// contents checked on every touch and the heap's invariants checked often.
void random_run(uint64_t seed, size_t heap_size, int steps) {
    Heap heap(heap_size, seed % 16);
    ASSERT_TRUE(heap.ok());
    Shadow shadow(heap);
    std::mt19937_64 rng(seed);
    uint32_t id = 0;
    for (int step = 0; step < steps; step++) {
        unsigned op = rng() % 10;
        if (op < 4 || shadow.count() == 0) {
            size_t size = random_size(rng);
            void *p = tenor_heap_alloc(heap.get(), size);
            if (p != nullptr)
                shadow.add(p, size, ++id);
        } else if (op < 7) {
            void *p = shadow.pick(rng);
            shadow.verify(p);
            shadow.remove(p);
            ASSERT_EQ(tenor_heap_free(heap.get(), p), TENOR_HEAP_OK);
        } else if (op < 9) {
            void *p = shadow.pick(rng);
            shadow.verify(p);
            size_t old_size = shadow.size_of(p);
            uint32_t old_id = shadow.id_of(p);
            size_t size = random_size(rng);
            void *out = nullptr;
            ASSERT_EQ(tenor_heap_realloc(heap.get(), p, size, &out), TENOR_HEAP_OK);
            if (out == nullptr) {
                shadow.verify(p);
                continue;
            }
            const auto *bytes = static_cast<const uint8_t *>(out);
            size_t kept = std::min(old_size, size);
            size_t i = 0;
            while (i < kept && bytes[i] == pattern(old_id, i))
                i++;
            ASSERT_EQ(i, kept) << "realloc lost byte " << i;
            shadow.remove(p);
            shadow.add(out, size, ++id);
        } else {
            size_t alignment = size_t{1} << (rng() % 13);
            size_t size = random_size(rng);
            void *p = tenor_heap_alloc_aligned(heap.get(), alignment, size);
            if (p != nullptr) {
                ASSERT_EQ(reinterpret_cast<uintptr_t>(p) % alignment, 0u);
                shadow.add(p, size, ++id);
            }
        }
        if (::testing::Test::HasFatalFailure())
            return;
        if (step % 256 == 0) {
            const char *problem = tenor_heap_check(heap.get());
            ASSERT_EQ(problem, nullptr) << problem << " after step " << step;
        }
    }
    heap.expect_consistent();
    EXPECT_EQ(heap.stats().live_blocks, shadow.count());
    // Free the rest: the heap must be one free chunk again, leaking nothing.
    while (shadow.count() > 0) {
        void *p = shadow.pick(rng);
        shadow.verify(p);
        shadow.remove(p);
        ASSERT_EQ(tenor_heap_free(heap.get(), p), TENOR_HEAP_OK);
    }
    heap.expect_consistent();
    tenor_heap_stats s = heap.stats();
    EXPECT_EQ(s.in_use_bytes, 0u);
    EXPECT_EQ(s.free_blocks, 1u);
    EXPECT_EQ(s.largest_free_bytes, s.free_bytes);
}

TEST(OcamlAlloc, RandomSequencesRoomy) {
    for (uint64_t seed = 1; seed <= 4; seed++) {
        SCOPED_TRACE(seed);
        random_run(seed, 64 * kMiB, 20000);
    }
}

// A small heap, so that many requests fail and the exhaustion paths run.
TEST(OcamlAlloc, RandomSequencesTight) {
    for (uint64_t seed = 100; seed <= 105; seed++) {
        SCOPED_TRACE(seed);
        random_run(seed, kMiB, 20000);
    }
}

}  // namespace
