// elf.h: validation of a unikernel's ELF image and lookup of its notes, treating the file as hostile.
//
// Nothing here maps or copies memory: parse_elf() checks the whole file and
// describes what to load, and the monitor loads it through its own checked
// guest-memory accessor. Every error message starts with "ELF: ", names the
// offending value and says what to do about it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "result.h"

namespace tenor {

// The page size segments are aligned to; tenor links with -z max-page-size=0x1000.
inline constexpr uint64_t kElfPageSize = 4096;

// tenor's binaries need a handful of program headers; more is a sign of a corrupt or foreign file.
inline constexpr uint16_t kElfMaxProgramHeaders = 64;

// One PT_LOAD segment. Its file bytes are file[offset, offset + filesz), and
// guest memory [vaddr + filesz, vaddr + memsz) is zero (.bss).
struct ElfSegment {
    uint64_t vaddr = 0;
    uint64_t memsz = 0;
    uint64_t offset = 0;
    uint64_t filesz = 0;
    bool read = false;
    bool write = false;
    bool exec = false;
};

struct ElfImage {
    uint64_t entry = 0;
    // The PT_LOAD segments, ascending by vaddr, not overlapping at page granularity.
    std::vector<ElfSegment> loads;
    // The 4 KiB-aligned end of the highest PT_LOAD: the first free guest address.
    uint64_t load_end = 0;
    // The PT_TLS template, if any: .tdata is [tls_vaddr, tls_vaddr + tls_filesz)
    // inside a PT_LOAD, followed by tls_memsz - tls_filesz bytes of .tbss.
    // An empty PT_TLS, which GNU ld emits for a linker script's TLS segment
    // when the program has no TLS variables, counts as none.
    bool has_tls = false;
    uint64_t tls_vaddr = 0;
    uint64_t tls_filesz = 0;
    uint64_t tls_memsz = 0;
    uint64_t tls_align = 0;
};

// Where PT_LOAD segments may go: every one MUST lie in [min_vaddr, max_end).
// The caller MUST give min_vaddr < max_end <= 2^64 - 4096.
struct ElfLoadLimits {
    uint64_t min_vaddr = 0;
    uint64_t max_end = 0;
};

// Validates the whole file as hostile input: the ELF header, the program
// header table, every PT_LOAD (bounds, alignment, order, W^X), the entry
// point, PT_TLS, and the structure of every note in every PT_NOTE.
// Segments are named by their program header index ("PT_LOAD 2" is program
// header 2), which is the order `readelf -l` lists them in.
// Unknown segment types (PT_GNU_STACK, PT_GNU_PROPERTY, ...) are ignored;
// PT_INTERP is accepted, because tenor and Solo5 binaries carry one naming
// "/nonexistent/solo5/" so that the host kernel refuses to exec them;
// PT_DYNAMIC is refused.
Result<ElfImage> parse_elf(std::span<const uint8_t> file, const ElfLoadLimits& limits);

// Finds the note with this owner name and type in the PT_NOTE segments and
// returns its descriptor bytes, a subspan of `file`. The ELF header and
// program header table are validated as parse_elf() does, and every note is
// walked with every size and offset checked: malformed notes, or two notes
// with this name and type, are an Error. A missing note is std::nullopt.
//
// Layout (ELF gABI, "Note Section"): a 12-byte header (namesz, descsz, type),
// the name padded to 4 bytes, then the descriptor. The next note starts at the
// descriptor's end rounded up to the segment's alignment: 8 if p_align is 8,
// else 4. The padding after the last note need not lie inside the segment.
Result<std::optional<std::span<const uint8_t>>> find_note(std::span<const uint8_t> file,
                                                          std::string_view name, uint32_t type);

}  // namespace tenor
