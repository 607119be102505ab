// elf.cc: validates unikernel ELF files rule by rule and walks their notes, trusting no field.
#include "common/elf.h"

#include <bit>
#include <cstdio>
#include <cstring>
#include <string>

namespace tenor {
namespace {

// Multi-byte fields are read with memcpy in host order, which is right only because
// tenor runs on x86_64 and accepts little-endian files alone.
static_assert(std::endian::native == std::endian::little, "the ELF reader assumes a little-endian host");

// Layouts and constants of the System V gABI ("ELF-64 Object File Format", version 1.5,
// sections 3 to 7). They are spelled out here rather than taken from <elf.h> so that
// this file cannot pick up its own header by mistake.
struct Elf64Ehdr {
    uint8_t ident[16];
    uint16_t type;
    uint16_t machine;
    uint32_t version;
    uint64_t entry;
    uint64_t phoff;
    uint64_t shoff;
    uint32_t flags;
    uint16_t ehsize;
    uint16_t phentsize;
    uint16_t phnum;
    uint16_t shentsize;
    uint16_t shnum;
    uint16_t shstrndx;
};
static_assert(sizeof(Elf64Ehdr) == 64, "Elf64_Ehdr is 64 bytes");

struct Elf64Phdr {
    uint32_t type;
    uint32_t flags;
    uint64_t offset;
    uint64_t vaddr;
    uint64_t paddr;
    uint64_t filesz;
    uint64_t memsz;
    uint64_t align;
};
static_assert(sizeof(Elf64Phdr) == 56, "Elf64_Phdr is 56 bytes");

struct Elf64Nhdr {
    uint32_t namesz;
    uint32_t descsz;
    uint32_t type;
};
static_assert(sizeof(Elf64Nhdr) == 12, "Elf64_Nhdr is 12 bytes");

constexpr int kEiClass = 4;
constexpr int kEiData = 5;
constexpr int kEiVersion = 6;
constexpr uint8_t kElfClass64 = 2;
constexpr uint8_t kElfData2Lsb = 1;
constexpr uint32_t kEvCurrent = 1;
constexpr uint16_t kEtExec = 2;
constexpr uint16_t kEmX86_64 = 62;

constexpr uint32_t kPtLoad = 1;
constexpr uint32_t kPtDynamic = 2;
constexpr uint32_t kPtNote = 4;
constexpr uint32_t kPtTls = 7;

constexpr uint32_t kPfX = 1;
constexpr uint32_t kPfW = 2;
constexpr uint32_t kPfR = 4;

std::string hex(uint64_t value) {
    char text[19];
    std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(value));
    return text;
}

// Rounds up to a power-of-two alignment; callers make sure this cannot overflow.
constexpr uint64_t align_up(uint64_t value, uint64_t alignment) {
    return (value + alignment - 1) & ~(alignment - 1);
}

// Reads a T at `offset`; the caller has checked that it lies inside `bytes`.
template <typename T>
T read_at(std::span<const uint8_t> bytes, uint64_t offset) {
    T value;
    std::memcpy(&value, bytes.data() + offset, sizeof value);
    return value;
}

// Whether [offset, offset + size) lies inside a buffer of `total` bytes, without overflow.
bool range_inside(uint64_t offset, uint64_t size, uint64_t total) {
    return offset <= total && size <= total - offset;
}

Result<Elf64Ehdr> read_header(std::span<const uint8_t> file) {
    if (file.size() < sizeof(Elf64Ehdr))
        return fail("ELF: the file is ", file.size(), " bytes, too small for the 64-byte ELF header: ",
                    "give the path of a unikernel binary");
    const auto ehdr = read_at<Elf64Ehdr>(file, 0);
    if (std::memcmp(ehdr.ident, "\x7f" "ELF", 4) != 0)
        return fail("ELF: not an ELF file (it does not start with \\x7fELF): ",
                    "give the path of a unikernel binary");
    if (ehdr.ident[kEiClass] != kElfClass64)
        return fail("ELF: not a 64-bit ELF file (EI_CLASS ", ehdr.ident[kEiClass], "): ",
                    "build the unikernel for x86_64 with tenor's toolchain");
    if (ehdr.ident[kEiData] != kElfData2Lsb)
        return fail("ELF: not a little-endian ELF file (EI_DATA ", ehdr.ident[kEiData], "): ",
                    "build the unikernel for x86_64 with tenor's toolchain");
    if (ehdr.ident[kEiVersion] != kEvCurrent)
        return fail("ELF: unknown ELF identification version ", ehdr.ident[kEiVersion],
                    " (expected 1): the file is corrupt");
    if (ehdr.type != kEtExec)
        return fail("ELF: not a static executable (e_type ", ehdr.type, "): ",
                    "link with -static -no-pie, as tenor's toolchain does");
    if (ehdr.machine != kEmX86_64)
        return fail("ELF: built for machine ", ehdr.machine, ", not x86_64 (62): ",
                    "build the unikernel for x86_64 with tenor's toolchain");
    if (ehdr.version != kEvCurrent)
        return fail("ELF: unknown ELF version ", ehdr.version, " (expected 1): the file is corrupt");
    if (ehdr.phentsize != sizeof(Elf64Phdr))
        return fail("ELF: program header entries are ", ehdr.phentsize,
                    " bytes, expected 56: the file is corrupt");
    if (ehdr.phnum > kElfMaxProgramHeaders)
        return fail("ELF: ", ehdr.phnum, " program headers, more than the ", kElfMaxProgramHeaders,
                    " tenor accepts: the file is corrupt");
    // phnum is at most 64 here, so the table size cannot overflow.
    if (!range_inside(ehdr.phoff, uint64_t{ehdr.phnum} * sizeof(Elf64Phdr), file.size()))
        return fail("ELF: the program header table (", ehdr.phnum, " entries at offset ", hex(ehdr.phoff),
                    ") extends past the end of the ", file.size(),
                    "-byte file: the file is truncated or corrupt");
    return ehdr;
}

std::vector<Elf64Phdr> read_program_headers(std::span<const uint8_t> file, const Elf64Ehdr& ehdr) {
    std::vector<Elf64Phdr> phdrs;
    for (uint64_t i = 0; i < ehdr.phnum; i++)
        phdrs.push_back(read_at<Elf64Phdr>(file, ehdr.phoff + i * sizeof(Elf64Phdr)));
    return phdrs;
}

// The name errors use for a segment: its type and program header index, plus its address
// for PT_LOAD and PT_TLS, whose address is what a reader of `readelf -l` looks for.
std::string describe(const char* type_name, size_t index) {
    return std::string(type_name) + " " + std::to_string(index);
}

std::string describe(const char* type_name, size_t index, uint64_t vaddr) {
    return describe(type_name, index) + " at " + hex(vaddr);
}

Result<void> check_in_file(const Elf64Phdr& ph, const std::string& what, std::span<const uint8_t> file) {
    if (!range_inside(ph.offset, ph.filesz, file.size()))
        return fail("ELF: ", what, ": its ", hex(ph.filesz), " bytes at file offset ", hex(ph.offset),
                    " extend past the end of the ", file.size(),
                    "-byte file: the file is truncated or corrupt");
    return Ok{};
}

Result<void> check_load_sizes(const Elf64Phdr& ph, const std::string& what) {
    if (ph.memsz == 0)
        return fail("ELF: ", what, ": memory size is 0: the file is corrupt; ",
                    "relink with tenor's linker script");
    if (ph.filesz > ph.memsz)
        return fail("ELF: ", what, ": file size ", hex(ph.filesz), " is larger than memory size ",
                    hex(ph.memsz), ": the file is corrupt");
    return Ok{};
}

// Checks where a PT_LOAD goes; `previous_end` is the page-aligned end of the PT_LOAD
// before it, or 0 for the first.
Result<void> check_load_placement(const Elf64Phdr& ph, const std::string& what, const ElfLoadLimits& limits,
                                  uint64_t previous_end) {
    if (ph.vaddr % kElfPageSize != 0)
        return fail("ELF: ", what, " is not aligned to a 4 KiB page: ",
                    "relink with tenor's linker script (-z max-page-size=0x1000)");
    if (ph.vaddr < limits.min_vaddr)
        return fail("ELF: ", what, " is below ", hex(limits.min_vaddr),
                    ", the lowest address a unikernel may use: relink with tenor's linker script");
    uint64_t end = 0;
    // Rounding the end up to a page must not overflow either.
    if (__builtin_add_overflow(ph.vaddr, ph.memsz, &end) || end > UINT64_MAX - (kElfPageSize - 1))
        return fail("ELF: ", what, ": memory size ", hex(ph.memsz),
                    " wraps around the address space: the file is corrupt");
    if (align_up(end, kElfPageSize) > limits.max_end)
        return fail("ELF: ", what, " ends at ", hex(end), ", beyond ", hex(limits.max_end),
                    ", the end of the memory available to the unikernel: ",
                    "give it more memory (--mem=MiB) or make it smaller");
    if (ph.vaddr < previous_end)
        return fail("ELF: ", what, " starts below ", hex(previous_end),
                    ", the page-aligned end of the PT_LOAD before it: segments must ascend and ",
                    "must not share a page; relink with tenor's linker script");
    return Ok{};
}

Result<void> check_load_flags(const Elf64Phdr& ph, const std::string& what) {
    if ((ph.flags & kPfW) && (ph.flags & kPfX))
        return fail("ELF: ", what, " is both writable and executable (W^X): ",
                    "relink with tenor's linker script");
    if (!(ph.flags & kPfR))
        return fail("ELF: ", what, " is not readable (flags ", hex(ph.flags),
                    "): execute-only / write-only segments are not supported; ",
                    "relink with tenor's linker script");
    return Ok{};
}

Result<void> add_load(ElfImage& image, const Elf64Phdr& ph, size_t index, std::span<const uint8_t> file,
                      const ElfLoadLimits& limits) {
    const std::string what = describe("PT_LOAD", index, ph.vaddr);
    TRY_VOID(check_in_file(ph, what, file));
    TRY_VOID(check_load_sizes(ph, what));
    const uint64_t previous_end = image.loads.empty() ? 0 : image.load_end;
    TRY_VOID(check_load_placement(ph, what, limits, previous_end));
    TRY_VOID(check_load_flags(ph, what));
    image.loads.push_back(ElfSegment{
        .vaddr = ph.vaddr,
        .memsz = ph.memsz,
        .offset = ph.offset,
        .filesz = ph.filesz,
        .read = (ph.flags & kPfR) != 0,
        .write = (ph.flags & kPfW) != 0,
        .exec = (ph.flags & kPfX) != 0,
    });
    // check_load_placement ruled out overflow here.
    image.load_end = align_up(ph.vaddr + ph.memsz, kElfPageSize);
    return Ok{};
}

Result<void> check_entry(const ElfImage& image) {
    for (const ElfSegment& load : image.loads)
        if (load.exec && image.entry >= load.vaddr && image.entry - load.vaddr < load.memsz)
            return Ok{};
    return fail("ELF: entry point ", hex(image.entry), " is not inside an executable PT_LOAD: ",
                "relink with tenor's linker script");
}

// Whether [vaddr, vaddr + size) lies inside the memory of `load`, without overflow.
bool inside_load(const ElfSegment& load, uint64_t vaddr, uint64_t size) {
    return vaddr >= load.vaddr && range_inside(vaddr - load.vaddr, size, load.memsz);
}

// The TLS template (.tdata) must be part of a loaded segment, since the bindings copy it
// from guest memory; .tbss, the rest of p_memsz, needs no backing.
Result<void> add_tls(ElfImage& image, const Elf64Phdr& ph, size_t index) {
    const std::string what = describe("PT_TLS", index, ph.vaddr);
    if (ph.filesz > ph.memsz)
        return fail("ELF: ", what, ": file size ", hex(ph.filesz), " is larger than memory size ",
                    hex(ph.memsz), ": the file is corrupt");
    if (ph.align != 0 && !std::has_single_bit(ph.align))
        return fail("ELF: ", what, ": alignment ", hex(ph.align),
                    " is not a power of two: the file is corrupt");
    bool inside = false;
    for (const ElfSegment& load : image.loads)
        inside = inside || inside_load(load, ph.vaddr, ph.filesz);
    if (!inside)
        return fail("ELF: ", what, " (", hex(ph.filesz), " bytes of initialised data) is not inside ",
                    "a PT_LOAD: relink with tenor's linker script");
    image.has_tls = true;
    image.tls_vaddr = ph.vaddr;
    image.tls_filesz = ph.filesz;
    image.tls_memsz = ph.memsz;
    image.tls_align = ph.align;
    return Ok{};
}

// The search find_note() runs over every note of every PT_NOTE.
struct NoteSearch {
    std::string_view name;
    uint32_t type;
    std::optional<std::span<const uint8_t>> found;
};

bool note_matches(std::span<const uint8_t> segment, uint64_t name_at, const Elf64Nhdr& nhdr,
                  const NoteSearch& search) {
    // n_namesz counts the terminating NUL (gABI, "Note Section").
    if (nhdr.type != search.type || nhdr.namesz != search.name.size() + 1)
        return false;
    const uint8_t* name = segment.data() + name_at;
    return std::memcmp(name, search.name.data(), search.name.size()) == 0 && name[search.name.size()] == 0;
}

// Walks the notes of one PT_NOTE (already checked to lie inside the file). Each note is a
// 12-byte header, the name padded to 4 bytes, then the descriptor; the next note starts at
// the segment's alignment: 8 for segments aligned to 8 (as GNU property notes are), else 4.
Result<void> walk_notes(std::span<const uint8_t> segment, uint64_t segment_align, size_t index,
                        NoteSearch& search) {
    const uint64_t note_align = segment_align == 8 ? 8 : 4;
    uint64_t at = 0;
    while (at < segment.size()) {
        if (segment.size() - at < sizeof(Elf64Nhdr))
            return fail("ELF: PT_NOTE ", index, ": the note header at segment offset ", hex(at),
                        " is cut off by the end of the segment: the file is corrupt");
        const auto nhdr = read_at<Elf64Nhdr>(segment, at);
        const uint64_t name_at = at + sizeof(Elf64Nhdr);
        // Both sizes are 32-bit, so none of these 64-bit sums can overflow.
        const uint64_t desc_at = name_at + align_up(nhdr.namesz, 4);
        if (desc_at > segment.size())
            return fail("ELF: PT_NOTE ", index, ": the note at segment offset ", hex(at), " has a ",
                        nhdr.namesz, "-byte name, which runs past the end of the ", segment.size(),
                        "-byte segment: the file is corrupt");
        if (nhdr.descsz > segment.size() - desc_at)
            return fail("ELF: PT_NOTE ", index, ": the note at segment offset ", hex(at), " has a ",
                        nhdr.descsz, "-byte descriptor, which runs past the end of the ", segment.size(),
                        "-byte segment: the file is corrupt");
        if (note_matches(segment, name_at, nhdr, search)) {
            if (search.found)
                return fail("ELF: PT_NOTE ", index, ": a second \"", std::string(search.name),
                            "\" note of type ", hex(search.type),
                            ": the file is corrupt; link the unikernel once with tenor's toolchain");
            search.found = segment.subspan(desc_at, nhdr.descsz);
        }
        at = align_up(desc_at + nhdr.descsz, note_align);
    }
    return Ok{};
}

}  // namespace

Result<ElfImage> parse_elf(std::span<const uint8_t> file, const ElfLoadLimits& limits) {
    const Elf64Ehdr ehdr = TRY(read_header(file));
    const std::vector<Elf64Phdr> phdrs = read_program_headers(file, ehdr);
    ElfImage image{};
    image.entry = ehdr.entry;
    std::optional<size_t> tls_index;
    for (size_t i = 0; i < phdrs.size(); i++) {
        const Elf64Phdr& ph = phdrs[i];
        switch (ph.type) {
        case kPtLoad:
            TRY_VOID(add_load(image, ph, i, file, limits));
            break;
        case kPtDynamic:
            return fail("ELF: PT_DYNAMIC ", i, ": the unikernel is dynamically linked, which tenor ",
                        "cannot load: link with -static -no-pie, as tenor's toolchain does");
        case kPtNote:
            TRY_VOID(check_in_file(ph, describe("PT_NOTE", i), file));
            break;
        case kPtTls:
            if (tls_index)
                return fail("ELF: PT_TLS ", i, ": a second PT_TLS (the first is program header ",
                            *tls_index, "): the file is corrupt");
            tls_index = i;
            break;
        default:
            // PT_INTERP (tenor's is "/nonexistent/solo5/", there only so that the host
            // kernel refuses to run the file), PT_PHDR, PT_GNU_STACK, PT_GNU_PROPERTY and
            // the like ask nothing of a unikernel monitor.
            break;
        }
    }
    if (image.loads.empty())
        return fail("ELF: no PT_LOAD segment, so there is nothing to run: ",
                    "link the unikernel with tenor's toolchain");
    TRY_VOID(check_entry(image));
    if (tls_index)
        TRY_VOID(add_tls(image, phdrs[*tls_index], *tls_index));
    return image;
}

Result<std::optional<std::span<const uint8_t>>> find_note(std::span<const uint8_t> file,
                                                        std::string_view name, uint32_t type) {
    const Elf64Ehdr ehdr = TRY(read_header(file));
    NoteSearch search{.name = name, .type = type, .found = std::nullopt};
    const std::vector<Elf64Phdr> phdrs = read_program_headers(file, ehdr);
    for (size_t i = 0; i < phdrs.size(); i++) {
        const Elf64Phdr& ph = phdrs[i];
        if (ph.type != kPtNote)
            continue;
        TRY_VOID(check_in_file(ph, describe("PT_NOTE", i), file));
        TRY_VOID(walk_notes(file.subspan(ph.offset, ph.filesz), ph.align, i, search));
    }
    return search.found;
}

}  // namespace tenor
