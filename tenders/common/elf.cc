// elf.cc: the hostile-input ELF validator and note finder declared in elf.h.
#include "common/elf.h"

// The system's gABI definitions (Elf64_Ehdr, PT_LOAD, ...); tenor's own header is
// always included by its path, "common/elf.h", so the two cannot be confused.
#include <elf.h>

#include <bit>
#include <cstring>
#include <functional>
#include <string>

#include "common/format.h"

namespace tenor {
namespace {

// Headers are copied out of the file with memcpy, which reads them correctly
// only on a little-endian host; tenor runs on x86_64.
static_assert(std::endian::native == std::endian::little, "the ELF reader assumes a little-endian host");

constexpr uint64_t kNoteHeaderSize = 12;  // namesz, descsz, type (ELF gABI, "Note Section")

// True if [offset, offset + size) lies inside [0, total), without overflow.
bool fits(uint64_t offset, uint64_t size, uint64_t total) {
    return offset <= total && size <= total - offset;
}

// Rounds up to a power-of-two alignment; callers keep value far below 2^64.
uint64_t align_up(uint64_t value, uint64_t align) { return (value + align - 1) & ~(align - 1); }

// Copies a T out of the file; the caller has checked that it fits.
template <typename T>
T load(std::span<const uint8_t> file, uint64_t offset) {
    T value;
    std::memcpy(&value, file.data() + offset, sizeof(T));
    return value;
}

// "RX", "W", "none": p_flags the way readelf prints them.
std::string flag_letters(uint32_t flags) {
    std::string letters;
    if (flags & PF_R) letters += 'R';
    if (flags & PF_W) letters += 'W';
    if (flags & PF_X) letters += 'X';
    return letters.empty() ? "none" : letters;
}

const char* const kCorrupt = "the file is corrupt; rebuild the unikernel";
const char* const kTruncated = "the file is truncated or corrupt";
const char* const kRelink = "relink with tenor's linker script";
const char* const kForX86 = "build the unikernel for x86_64 with tenor's toolchain";

Result<void> check_ident(std::span<const uint8_t> file) {
    if (file.size() < sizeof(Elf64_Ehdr))
        return fail("ELF: file is ", file.size(), " bytes, smaller than the 64-byte ELF header: ",
                    "this is not a unikernel binary");
    if (std::memcmp(file.data(), ELFMAG, SELFMAG) != 0)
        return fail("ELF: not an ELF file (bad magic bytes): give the path of a unikernel built ",
                    "with tenor's toolchain");
    if (file[EI_CLASS] != ELFCLASS64)
        return fail("ELF: not a 64-bit ELF file (EI_CLASS ", file[EI_CLASS], "): ", kForX86);
    if (file[EI_DATA] != ELFDATA2LSB)
        return fail("ELF: not a little-endian ELF file (EI_DATA ", file[EI_DATA], "): ", kForX86);
    if (file[EI_VERSION] != EV_CURRENT)
        return fail("ELF: unknown ELF identification version ", file[EI_VERSION],
                    " (expected 1): ", kCorrupt);
    return Ok{};
}

// EI_OSABI and EI_ABIVERSION are not checked: toolchains offer no way to set them.
Result<void> check_header(const Elf64_Ehdr& eh) {
    if (eh.e_type != ET_EXEC)
        return fail("ELF: not a static executable (e_type ", eh.e_type, ", expected ET_EXEC 2): ",
                    "link with -static -no-pie, as tenor's x86_64-solo5-none-static-ld does");
    if (eh.e_machine != EM_X86_64)
        return fail("ELF: built for machine ", eh.e_machine, ", not x86_64 (62): ", kForX86);
    if (eh.e_version != EV_CURRENT)
        return fail("ELF: unknown ELF version ", eh.e_version, " in e_version (expected 1): ", kCorrupt);
    if (eh.e_ehsize != sizeof(Elf64_Ehdr))
        return fail("ELF: ELF header size is ", eh.e_ehsize, ", expected 64: ", kCorrupt);
    if (eh.e_phentsize != sizeof(Elf64_Phdr))
        return fail("ELF: program header entry size is ", eh.e_phentsize, ", expected 56: ", kCorrupt);
    if (eh.e_phnum > kElfMaxProgramHeaders)
        return fail("ELF: ", eh.e_phnum, " program headers, more than the ", kElfMaxProgramHeaders,
                    " tenor accepts: ", kRelink);
    return Ok{};
}

// The validated ELF header and a copy of the program header table.
struct Headers {
    Elf64_Ehdr eh;
    std::vector<Elf64_Phdr> phdrs;
};

Result<Headers> read_headers(std::span<const uint8_t> file) {
    TRY_VOID(check_ident(file));
    Headers h{load<Elf64_Ehdr>(file, 0), {}};
    TRY_VOID(check_header(h.eh));
    // e_phnum is at most 64 here, so the table size cannot overflow.
    uint64_t table_size = uint64_t{h.eh.e_phnum} * sizeof(Elf64_Phdr);
    if (!fits(h.eh.e_phoff, table_size, file.size()))
        return fail("ELF: program header table (offset ", hex(h.eh.e_phoff), ", ", h.eh.e_phnum,
                    " entries) extends past the end of the ", file.size(), "-byte file: ", kTruncated);
    for (uint16_t i = 0; i < h.eh.e_phnum; i++)
        h.phdrs.push_back(load<Elf64_Phdr>(file, h.eh.e_phoff + uint64_t{i} * sizeof(Elf64_Phdr)));
    return h;
}

// Checks one PT_LOAD on its own; its place among the others is checked by the caller.
Result<ElfSegment> check_load(const Elf64_Phdr& ph, unsigned index, uint64_t file_size,
                              const ElfLoadLimits& limits) {
    std::string name = "ELF: PT_LOAD " + std::to_string(index) + " at " + hex(ph.p_vaddr);
    if (ph.p_memsz == 0)
        return fail(name, " is empty (p_memsz 0): ", kRelink);
    if (!fits(ph.p_offset, ph.p_filesz, file_size))
        return fail(name, " (file offset ", hex(ph.p_offset), ", size ", hex(ph.p_filesz),
                    ") extends past the end of the ", file_size, "-byte file: ", kTruncated);
    if (ph.p_filesz > ph.p_memsz)
        return fail(name, " has p_filesz ", hex(ph.p_filesz), " larger than p_memsz ", hex(ph.p_memsz),
                    ": ", kCorrupt);
    if (ph.p_vaddr % kElfPageSize != 0)
        return fail(name, " is not page-aligned (4096): relink with -z max-page-size=0x1000 and ",
                    "tenor's linker script");
    if (ph.p_vaddr < limits.min_vaddr)
        return fail(name, " is below ", hex(limits.min_vaddr), ", the lowest address a unikernel may ",
                    "use: ", kRelink);
    if (!fits(ph.p_vaddr, ph.p_memsz, limits.max_end))
        return fail(name, " (size ", hex(ph.p_memsz), ") does not fit below ", hex(limits.max_end),
                    ", the end of loadable guest memory: give the unikernel more memory (--mem=MiB)");
    if (!(ph.p_flags & PF_R))
        return fail(name, " is not readable (flags ", flag_letters(ph.p_flags), "): execute-only / ",
                    "write-only segments are not supported; ", kRelink);
    if ((ph.p_flags & PF_W) && (ph.p_flags & PF_X))
        return fail(name, " is both writable and executable (W^X): ", kRelink);
    return ElfSegment{ph.p_vaddr, ph.p_memsz, ph.p_offset, ph.p_filesz, true,
                      (ph.p_flags & PF_W) != 0, (ph.p_flags & PF_X) != 0};
}

// The ELF specification requires PT_LOADs sorted by p_vaddr; tenor also
// requires that no two share a page, so that each page has one protection.
Result<void> check_order(const ElfSegment& seg, unsigned index, uint64_t previous_end) {
    if (seg.vaddr < previous_end)
        return fail("ELF: PT_LOAD ", index, " at ", hex(seg.vaddr), " overlaps or precedes the ",
                    "previous PT_LOAD, which ends at ", hex(previous_end), " (page-aligned): ",
                    "segments must be ascending and must not share pages; ", kRelink);
    return Ok{};
}

Result<void> check_entry(const ElfImage& image) {
    for (const ElfSegment& seg : image.loads)
        if (seg.exec && image.entry >= seg.vaddr && image.entry - seg.vaddr < seg.memsz)
            return Ok{};
    return fail("ELF: entry point ", hex(image.entry), " is not inside an executable PT_LOAD: ", kCorrupt);
}

// The bindings copy .tdata from guest memory, so it must be part of a PT_LOAD;
// .tbss, the rest of p_memsz, takes no space there.
Result<void> check_tls(const Elf64_Phdr& ph, unsigned index, const ElfImage& image,
                       const ElfLoadLimits& limits) {
    std::string name = "ELF: PT_TLS " + std::to_string(index) + " at " + hex(ph.p_vaddr);
    if (image.has_tls)
        return fail(name, " is a second PT_TLS segment, one is allowed: ", kRelink);
    if (ph.p_filesz > ph.p_memsz)
        return fail(name, " has p_filesz ", hex(ph.p_filesz), " larger than p_memsz ", hex(ph.p_memsz),
                    ": ", kCorrupt);
    if (ph.p_memsz > limits.max_end)
        return fail(name, " needs ", hex(ph.p_memsz), " bytes per thread, more than guest memory: ",
                    kCorrupt);
    if (ph.p_align > 1 && !std::has_single_bit(ph.p_align))
        return fail(name, " has alignment ", hex(ph.p_align), ", not a power of two: ", kCorrupt);
    for (const ElfSegment& seg : image.loads)
        if (ph.p_vaddr >= seg.vaddr && fits(ph.p_vaddr - seg.vaddr, ph.p_filesz, seg.memsz))
            return Ok{};
    return fail(name, " (size ", hex(ph.p_filesz), ") is not inside a PT_LOAD: ", kRelink);
}

Result<void> check_note_segment(const Elf64_Phdr& ph, unsigned index, uint64_t file_size) {
    if (!fits(ph.p_offset, ph.p_filesz, file_size))
        return fail("ELF: PT_NOTE ", index, " (file offset ", hex(ph.p_offset), ", size ", hex(ph.p_filesz),
                    ") extends past the end of the ", file_size, "-byte file: ", kTruncated);
    return Ok{};
}

// One note as found in the file; offset is its file offset, for messages.
struct Note {
    uint64_t offset;
    std::span<const uint8_t> name;  // n_namesz bytes, normally including a NUL
    uint32_t type;
    std::span<const uint8_t> desc;
};

using NoteVisitor = std::function<Result<void>(const Note&)>;

// Walks the notes of one PT_NOTE, whose file range the caller has checked.
// Offsets are relative to the segment; namesz and descsz are 32-bit and the
// segment lies inside the file, so no sum below can overflow.
Result<void> walk_segment_notes(std::span<const uint8_t> file, const Elf64_Phdr& ph, unsigned index,
                                const NoteVisitor& visit) {
    std::span<const uint8_t> seg = file.subspan(ph.p_offset, ph.p_filesz);
    uint64_t align = ph.p_align == 8 ? 8 : 4;
    uint64_t pos = 0;
    while (pos < seg.size()) {
        std::string where = "ELF: note at file offset " + hex(ph.p_offset + pos) + " in PT_NOTE " +
                            std::to_string(index);
        if (seg.size() - pos < kNoteHeaderSize)
            return fail(where, " is truncated: ", seg.size() - pos, " bytes are left, a note header ",
                        "needs 12: ", kCorrupt);
        uint32_t namesz = load<uint32_t>(seg, pos);
        uint32_t descsz = load<uint32_t>(seg, pos + 4);
        uint32_t type = load<uint32_t>(seg, pos + 8);
        uint64_t name_at = pos + kNoteHeaderSize;
        if (!fits(name_at, align_up(namesz, 4), seg.size()))
            return fail(where, " has a ", namesz, "-byte name that overruns the segment (size ",
                        hex(seg.size()), "): ", kCorrupt);
        uint64_t desc_at = name_at + align_up(namesz, 4);
        if (!fits(desc_at, descsz, seg.size()))
            return fail(where, " has a ", descsz, "-byte descriptor that overruns the segment (size ",
                        hex(seg.size()), "): ", kCorrupt);
        TRY_VOID(visit(Note{ph.p_offset + pos, seg.subspan(name_at, namesz), type, seg.subspan(desc_at, descsz)}));
        // Aligning the end (rather than descsz) keeps the walk in step with how
        // a linker lays out a Solo5 manifest, whose descriptor starts 4 bytes
        // off an 8-byte boundary.
        pos = align_up(desc_at + descsz, align);
    }
    return Ok{};
}

Result<void> walk_notes(std::span<const uint8_t> file, const std::vector<Elf64_Phdr>& phdrs,
                        const NoteVisitor& visit) {
    for (unsigned i = 0; i < phdrs.size(); i++) {
        if (phdrs[i].p_type != PT_NOTE)
            continue;
        TRY_VOID(check_note_segment(phdrs[i], i, file.size()));
        TRY_VOID(walk_segment_notes(file, phdrs[i], i, visit));
    }
    return Ok{};
}

// A note's name matches if it is exactly `name` and a NUL.
bool name_matches(std::span<const uint8_t> note_name, std::string_view name) {
    return note_name.size() == name.size() + 1 && note_name.back() == 0 &&
           std::memcmp(note_name.data(), name.data(), name.size()) == 0;
}

Result<void> check_limits(const ElfLoadLimits& limits) {
    if (limits.min_vaddr >= limits.max_end || limits.max_end > UINT64_MAX - kElfPageSize + 1)
        return fail("ELF: internal error: load limits [", hex(limits.min_vaddr), ", ", hex(limits.max_end),
                    ") are empty or too high; this is a bug in the monitor");
    return Ok{};
}

void record_tls(const Elf64_Phdr& ph, ElfImage& image) {
    image.has_tls = true;
    image.tls_vaddr = ph.p_vaddr;
    image.tls_filesz = ph.p_filesz;
    image.tls_memsz = ph.p_memsz;
    image.tls_align = ph.p_align;
}

// Checks every program header and fills in the loads and TLS of `image`.
Result<void> check_segments(std::span<const uint8_t> file, const std::vector<Elf64_Phdr>& phdrs,
                            const ElfLoadLimits& limits, ElfImage& image) {
    for (unsigned i = 0; i < phdrs.size(); i++) {
        const Elf64_Phdr& ph = phdrs[i];
        if (ph.p_type == PT_DYNAMIC)
            return fail("ELF: program header ", i, " is PT_DYNAMIC: dynamically linked binaries cannot ",
                        "run; link with -static -no-pie, as tenor's toolchain does");
        if (ph.p_type == PT_NOTE)
            TRY_VOID(check_note_segment(ph, i, file.size()));
        if (ph.p_type != PT_LOAD)
            continue;
        ElfSegment seg = TRY(check_load(ph, i, file.size(), limits));
        TRY_VOID(check_order(seg, i, image.load_end));
        // check_limits() keeps max_end at most 2^64 - 4096, so this cannot overflow.
        image.load_end = align_up(seg.vaddr + seg.memsz, kElfPageSize);
        image.loads.push_back(seg);
    }
    if (image.loads.empty())
        return fail("ELF: no PT_LOAD segment, so nothing to load: link the unikernel with tenor's toolchain");
    // PT_TLS may come before the PT_LOAD holding it, so it is checked once all are known.
    // A linker script that declares a TLS segment gets an empty one (all zero)
    // when the program has no TLS variables: that means no TLS.
    for (unsigned i = 0; i < phdrs.size(); i++) {
        if (phdrs[i].p_type != PT_TLS || (phdrs[i].p_filesz == 0 && phdrs[i].p_memsz == 0))
            continue;
        TRY_VOID(check_tls(phdrs[i], i, image, limits));
        record_tls(phdrs[i], image);
    }
    return Ok{};
}

}  // namespace

Result<ElfImage> parse_elf(std::span<const uint8_t> file, const ElfLoadLimits& limits) {
    TRY_VOID(check_limits(limits));
    Headers h = TRY(read_headers(file));
    ElfImage image;
    image.entry = h.eh.e_entry;
    TRY_VOID(check_segments(file, h.phdrs, limits, image));
    TRY_VOID(check_entry(image));
    // The notes are only walked here, so that a malformed one is refused at load time too.
    TRY_VOID(walk_notes(file, h.phdrs, [](const Note&) -> Result<void> { return Ok{}; }));
    return image;
}

Result<std::optional<std::span<const uint8_t>>> find_note(std::span<const uint8_t> file,
                                                          std::string_view name, uint32_t type) {
    Headers h = TRY(read_headers(file));
    std::optional<Note> found;
    auto visit = [&](const Note& note) -> Result<void> {
        if (note.type != type || !name_matches(note.name, name))
            return Ok{};
        if (found)
            return fail("ELF: two '", std::string(name), "' notes of type ", hex(type), " (at file offsets ",
                        hex(found->offset), " and ", hex(note.offset), "): a unikernel carries one; ",
                        "relink with tenor's toolchain");
        found = note;
        return Ok{};
    };
    TRY_VOID(walk_notes(file, h.phdrs, visit));
    if (!found)
        return std::optional<std::span<const uint8_t>>{};
    return std::optional<std::span<const uint8_t>>{found->desc};
}

}  // namespace tenor
