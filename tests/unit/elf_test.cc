// elf_test.cc: parse_elf() and find_note() on a good image, and on that image with one field corrupted at a time.
#include <gtest/gtest.h>

#include <cstddef>
#include <random>

#include "common/elf.h"
#include "common/manifest.h"
#include "elf_test_image.h"

namespace tenor::test {
namespace {

constexpr ElfLoadLimits kLimits{0x100000, 512ull << 20};

// Field offsets in the ELF header and a program header.
constexpr uint64_t kType = offsetof(Elf64_Ehdr, e_type);
constexpr uint64_t kMachine = offsetof(Elf64_Ehdr, e_machine);
constexpr uint64_t kVersion = offsetof(Elf64_Ehdr, e_version);
constexpr uint64_t kEntry = offsetof(Elf64_Ehdr, e_entry);
constexpr uint64_t kPhoffField = offsetof(Elf64_Ehdr, e_phoff);
constexpr uint64_t kEhsize = offsetof(Elf64_Ehdr, e_ehsize);
constexpr uint64_t kPhentsize = offsetof(Elf64_Ehdr, e_phentsize);
constexpr uint64_t kPhnumField = offsetof(Elf64_Ehdr, e_phnum);
constexpr uint64_t kPType = offsetof(Elf64_Phdr, p_type);
constexpr uint64_t kPFlags = offsetof(Elf64_Phdr, p_flags);
constexpr uint64_t kPOffset = offsetof(Elf64_Phdr, p_offset);
constexpr uint64_t kPVaddr = offsetof(Elf64_Phdr, p_vaddr);
constexpr uint64_t kPFilesz = offsetof(Elf64_Phdr, p_filesz);
constexpr uint64_t kPMemsz = offsetof(Elf64_Phdr, p_memsz);
constexpr uint64_t kPAlign = offsetof(Elf64_Phdr, p_align);

std::string parse_error(const std::vector<uint8_t>& bytes, const ElfLoadLimits& limits = kLimits) {
    auto result = parse_elf(bytes, limits);
    if (result.ok())
        return "(parsed without error)";
    return result.error().message;
}

// The good image with one value written over it.
template <typename T>
std::vector<uint8_t> corrupted(uint64_t offset, T value) {
    std::vector<uint8_t> bytes = build_image().bytes;
    poke<T>(bytes, offset, value);
    return bytes;
}

template <typename T>
std::vector<uint8_t> corrupted_phdr(unsigned index, uint64_t field, T value) {
    return corrupted<T>(phdr_field(index, field), value);
}

TEST(Elf, GoodImageParses) {
    Image image = build_image();
    auto result = parse_elf(image.bytes, kLimits);
    ASSERT_TRUE(result.ok()) << result.error().message;
    const ElfImage& elf = *result;
    EXPECT_EQ(elf.entry, kTextVaddr);
    ASSERT_EQ(elf.loads.size(), 3u);
    EXPECT_EQ(elf.loads[0].vaddr, 0x100000u);
    EXPECT_EQ(elf.loads[0].offset, kTextOffset);
    EXPECT_EQ(elf.loads[0].filesz, 0x10u);
    EXPECT_EQ(elf.loads[0].memsz, 0x10u);
    EXPECT_TRUE(elf.loads[0].read && !elf.loads[0].write && elf.loads[0].exec);
    EXPECT_EQ(elf.loads[1].vaddr, 0x101000u);
    EXPECT_TRUE(elf.loads[1].read && !elf.loads[1].write && !elf.loads[1].exec);
    EXPECT_EQ(elf.loads[2].vaddr, 0x102000u);
    EXPECT_EQ(elf.loads[2].filesz, 0x20u);
    EXPECT_EQ(elf.loads[2].memsz, 0x1010u);
    EXPECT_TRUE(elf.loads[2].read && elf.loads[2].write && !elf.loads[2].exec);
    EXPECT_EQ(elf.load_end, 0x104000u);
    EXPECT_TRUE(elf.has_tls);
    EXPECT_EQ(elf.tls_vaddr, 0x102000u);
    EXPECT_EQ(elf.tls_filesz, 0x10u);
    EXPECT_EQ(elf.tls_memsz, 0x20u);
    EXPECT_EQ(elf.tls_align, 8u);
}

TEST(Elf, ImageWithoutTlsHasNone) {
    auto bytes = corrupted_phdr<uint32_t>(kTls, kPType, PT_NULL);
    auto result = parse_elf(bytes, kLimits);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_FALSE(result->has_tls);
}

TEST(Elf, UnknownSegmentTypesAreIgnored) {
    auto bytes = corrupted_phdr<uint32_t>(kStack, kPType, PT_GNU_PROPERTY);
    poke<uint64_t>(bytes, phdr_field(kStack, kPOffset), ~uint64_t{0});
    EXPECT_EQ(parse_error(bytes), "(parsed without error)");
    poke<uint32_t>(bytes, phdr_field(kStack, kPType), 0x6fffffff);
    EXPECT_EQ(parse_error(bytes), "(parsed without error)");
}

TEST(Elf, InterpreterIsAccepted) {
    auto bytes = build_image().bytes;
    EXPECT_EQ(peek<uint32_t>(bytes, phdr_field(kInterpPh, kPType)), uint32_t{PT_INTERP});
    EXPECT_EQ(parse_error(bytes), "(parsed without error)");
}

TEST(Elf, TooSmallForHeader) {
    auto bytes = build_image().bytes;
    bytes.resize(63);
    EXPECT_EQ(parse_error(bytes),
              "ELF: file is 63 bytes, smaller than the 64-byte ELF header: this is not a unikernel binary");
    EXPECT_EQ(parse_error({}),
              "ELF: file is 0 bytes, smaller than the 64-byte ELF header: this is not a unikernel binary");
}

TEST(Elf, BadMagic) {
    EXPECT_EQ(parse_error(corrupted<uint8_t>(1, 'X')),
              "ELF: not an ELF file (bad magic bytes): give the path of a unikernel built with tenor's toolchain");
}

TEST(Elf, Not64Bit) {
    EXPECT_EQ(parse_error(corrupted<uint8_t>(EI_CLASS, ELFCLASS32)),
              "ELF: not a 64-bit ELF file (EI_CLASS 1): build the unikernel for x86_64 with tenor's toolchain");
}

TEST(Elf, NotLittleEndian) {
    EXPECT_EQ(parse_error(corrupted<uint8_t>(EI_DATA, ELFDATA2MSB)),
              "ELF: not a little-endian ELF file (EI_DATA 2): build the unikernel for x86_64 with tenor's "
              "toolchain");
}

TEST(Elf, BadIdentVersion) {
    EXPECT_EQ(parse_error(corrupted<uint8_t>(EI_VERSION, 0)),
              "ELF: unknown ELF identification version 0 (expected 1): the file is corrupt; rebuild the unikernel");
}

TEST(Elf, PieIsNotStatic) {
    EXPECT_EQ(parse_error(corrupted<uint16_t>(kType, ET_DYN)),
              "ELF: not a static executable (e_type 3, expected ET_EXEC 2): link with -static -no-pie, as "
              "tenor's x86_64-solo5-none-static-ld does");
}

TEST(Elf, RelocatableIsNotStatic) {
    EXPECT_EQ(parse_error(corrupted<uint16_t>(kType, ET_REL)),
              "ELF: not a static executable (e_type 1, expected ET_EXEC 2): link with -static -no-pie, as "
              "tenor's x86_64-solo5-none-static-ld does");
}

TEST(Elf, WrongMachine) {
    EXPECT_EQ(parse_error(corrupted<uint16_t>(kMachine, EM_AARCH64)),
              "ELF: built for machine 183, not x86_64 (62): build the unikernel for x86_64 with tenor's toolchain");
}

TEST(Elf, BadVersion) {
    EXPECT_EQ(parse_error(corrupted<uint32_t>(kVersion, 2)),
              "ELF: unknown ELF version 2 in e_version (expected 1): the file is corrupt; rebuild the unikernel");
}

TEST(Elf, BadHeaderSize) {
    EXPECT_EQ(parse_error(corrupted<uint16_t>(kEhsize, 52)),
              "ELF: ELF header size is 52, expected 64: the file is corrupt; rebuild the unikernel");
}

TEST(Elf, BadProgramHeaderEntrySize) {
    EXPECT_EQ(parse_error(corrupted<uint16_t>(kPhentsize, 32)),
              "ELF: program header entry size is 32, expected 56: the file is corrupt; rebuild the unikernel");
}

TEST(Elf, TooManyProgramHeaders) {
    EXPECT_EQ(parse_error(corrupted<uint16_t>(kPhnumField, 65)),
              "ELF: 65 program headers, more than the 64 tenor accepts: relink with tenor's linker script");
    // PN_XNUM, which would say the real count is elsewhere, is refused the same way.
    EXPECT_EQ(parse_error(corrupted<uint16_t>(kPhnumField, 0xffff)),
              "ELF: 65535 program headers, more than the 64 tenor accepts: relink with tenor's linker script");
}

TEST(Elf, ProgramHeaderTablePastEnd) {
    auto bytes = corrupted<uint64_t>(kPhoffField, 0x3000);
    EXPECT_EQ(parse_error(bytes),
              "ELF: program header table (offset 0x3000, 7 entries) extends past the end of the 12320-byte file: "
              "the file is truncated or corrupt");
}

TEST(Elf, ProgramHeaderTableOffsetOverflows) {
    EXPECT_EQ(parse_error(corrupted<uint64_t>(kPhoffField, ~uint64_t{0} - 8)),
              "ELF: program header table (offset 0xfffffffffffffff7, 7 entries) extends past the end of the "
              "12320-byte file: the file is truncated or corrupt");
}

TEST(Elf, TruncatedProgramHeaderTable) {
    auto bytes = build_image().bytes;
    bytes.resize(kPhoff + 3 * sizeof(Elf64_Phdr));
    EXPECT_EQ(parse_error(bytes),
              "ELF: program header table (offset 0x40, 7 entries) extends past the end of the 232-byte file: "
              "the file is truncated or corrupt");
}

TEST(Elf, DynamicIsRefused) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint32_t>(kStack, kPType, PT_DYNAMIC)),
              "ELF: program header 6 is PT_DYNAMIC: dynamically linked binaries cannot run; link with -static "
              "-no-pie, as tenor's toolchain does");
}

TEST(Elf, NoLoadSegment) {
    auto bytes = build_image().bytes;
    for (unsigned i : {kText, kRodata, kData})
        poke<uint32_t>(bytes, phdr_field(i, kPType), PT_NULL);
    EXPECT_EQ(parse_error(bytes),
              "ELF: no PT_LOAD segment, so nothing to load: link the unikernel with tenor's toolchain");
    EXPECT_EQ(parse_error(corrupted<uint16_t>(kPhnumField, 0)),
              "ELF: no PT_LOAD segment, so nothing to load: link the unikernel with tenor's toolchain");
}

TEST(Elf, EmptyLoad) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kRodata, kPMemsz, 0)),
              "ELF: PT_LOAD 1 at 0x101000 is empty (p_memsz 0): relink with tenor's linker script");
}

TEST(Elf, LoadPastEndOfFile) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kData, kPFilesz, 0x21)),
              "ELF: PT_LOAD 2 at 0x102000 (file offset 0x3000, size 0x21) extends past the end of the "
              "12320-byte file: the file is truncated or corrupt");
}

TEST(Elf, LoadOffsetPastEndOfFile) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kText, kPOffset, 0x4000)),
              "ELF: PT_LOAD 0 at 0x100000 (file offset 0x4000, size 0x10) extends past the end of the "
              "12320-byte file: the file is truncated or corrupt");
}

TEST(Elf, LoadFileRangeOverflows) {
    auto bytes = corrupted_phdr<uint64_t>(kText, kPFilesz, ~uint64_t{0} - 0xfff);
    poke<uint64_t>(bytes, phdr_field(kText, kPMemsz), ~uint64_t{0});
    EXPECT_EQ(parse_error(bytes),
              "ELF: PT_LOAD 0 at 0x100000 (file offset 0x1000, size 0xfffffffffffff000) extends past the end "
              "of the 12320-byte file: the file is truncated or corrupt");
}

TEST(Elf, FileSizeLargerThanMemorySize) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kData, kPMemsz, 0x10)),
              "ELF: PT_LOAD 2 at 0x102000 has p_filesz 0x20 larger than p_memsz 0x10: the file is corrupt; "
              "rebuild the unikernel");
}

TEST(Elf, LoadNotPageAligned) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kRodata, kPVaddr, 0x101800)),
              "ELF: PT_LOAD 1 at 0x101800 is not page-aligned (4096): relink with -z max-page-size=0x1000 and "
              "tenor's linker script");
}

TEST(Elf, LoadBelowMinimum) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kText, kPVaddr, 0xff000)),
              "ELF: PT_LOAD 0 at 0xff000 is below 0x100000, the lowest address a unikernel may use: relink "
              "with tenor's linker script");
}

TEST(Elf, LoadZeroPage) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kText, kPVaddr, 0)),
              "ELF: PT_LOAD 0 at 0x0 is below 0x100000, the lowest address a unikernel may use: relink "
              "with tenor's linker script");
}

TEST(Elf, LoadBeyondMemory) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kData, kPMemsz, 512ull << 20)),
              "ELF: PT_LOAD 2 at 0x102000 (size 0x20000000) does not fit below 0x20000000, the end of "
              "loadable guest memory: give the unikernel more memory (--mem=MiB)");
}

TEST(Elf, LoadEndsExactlyAtMemoryEnd) {
    auto bytes = corrupted_phdr<uint64_t>(kData, kPMemsz, (512ull << 20) - 0x102000);
    auto result = parse_elf(bytes, kLimits);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->load_end, 512ull << 20);
}

TEST(Elf, LoadEndOverflows) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kData, kPMemsz, ~uint64_t{0} - 0x1000)),
              "ELF: PT_LOAD 2 at 0x102000 (size 0xffffffffffffefff) does not fit below 0x20000000, the end of "
              "loadable guest memory: give the unikernel more memory (--mem=MiB)");
}

TEST(Elf, LoadAtTopOfAddressSpace) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kData, kPVaddr, 0xfffffffffffff000)),
              "ELF: PT_LOAD 2 at 0xfffffffffffff000 (size 0x1010) does not fit below 0x20000000, the end of "
              "loadable guest memory: give the unikernel more memory (--mem=MiB)");
}

TEST(Elf, WriteOnlyLoad) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint32_t>(kData, kPFlags, PF_W)),
              "ELF: PT_LOAD 2 at 0x102000 is not readable (flags W): execute-only / write-only segments are not "
              "supported; relink with tenor's linker script");
}

TEST(Elf, ExecuteOnlyLoad) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint32_t>(kText, kPFlags, PF_X)),
              "ELF: PT_LOAD 0 at 0x100000 is not readable (flags X): execute-only / write-only segments are not "
              "supported; relink with tenor's linker script");
}

TEST(Elf, NoPermissionLoad) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint32_t>(kRodata, kPFlags, 0)),
              "ELF: PT_LOAD 1 at 0x101000 is not readable (flags none): execute-only / write-only segments are "
              "not supported; relink with tenor's linker script");
}

TEST(Elf, WritableAndExecutable) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint32_t>(kData, kPFlags, PF_R | PF_W | PF_X)),
              "ELF: PT_LOAD 2 at 0x102000 is both writable and executable (W^X): relink with tenor's linker "
              "script");
}

TEST(Elf, OverlappingLoads) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kRodata, kPVaddr, 0x100000)),
              "ELF: PT_LOAD 1 at 0x100000 overlaps or precedes the previous PT_LOAD, which ends at 0x101000 "
              "(page-aligned): segments must be ascending and must not share pages; relink with tenor's linker "
              "script");
}

TEST(Elf, LoadsSharingAPage) {
    // .text one byte longer reaches into the page .rodata starts on.
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kText, kPMemsz, 0x1001)),
              "ELF: PT_LOAD 1 at 0x101000 overlaps or precedes the previous PT_LOAD, which ends at 0x102000 "
              "(page-aligned): segments must be ascending and must not share pages; relink with tenor's linker "
              "script");
}

TEST(Elf, DescendingLoads) {
    auto bytes = build_image().bytes;
    Elf64_Phdr text = peek<Elf64_Phdr>(bytes, phdr_field(kText, 0));
    Elf64_Phdr data = peek<Elf64_Phdr>(bytes, phdr_field(kData, 0));
    write_phdr(bytes, kText, data);
    write_phdr(bytes, kData, text);
    EXPECT_EQ(parse_error(bytes),
              "ELF: PT_LOAD 1 at 0x101000 overlaps or precedes the previous PT_LOAD, which ends at 0x104000 "
              "(page-aligned): segments must be ascending and must not share pages; relink with tenor's linker "
              "script");
}

TEST(Elf, EntryOutsideAnyLoad) {
    EXPECT_EQ(parse_error(corrupted<uint64_t>(kEntry, 0x50)),
              "ELF: entry point 0x50 is not inside an executable PT_LOAD: the file is corrupt; rebuild the "
              "unikernel");
}

TEST(Elf, EntryInNonExecutableLoad) {
    EXPECT_EQ(parse_error(corrupted<uint64_t>(kEntry, 0x101000)),
              "ELF: entry point 0x101000 is not inside an executable PT_LOAD: the file is corrupt; rebuild the "
              "unikernel");
}

TEST(Elf, EntryJustPastText) {
    EXPECT_EQ(parse_error(corrupted<uint64_t>(kEntry, 0x100010)),
              "ELF: entry point 0x100010 is not inside an executable PT_LOAD: the file is corrupt; rebuild the "
              "unikernel");
}

TEST(Elf, NoteSegmentPastEndOfFile) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kNote, kPOffset, 0x3000)),
              "ELF: PT_NOTE 3 (file offset 0x3000, size 0x17c) extends past the end of the 12320-byte file: "
              "the file is truncated or corrupt");
}

TEST(Elf, NoteSegmentSizeOverflows) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kNote, kPFilesz, ~uint64_t{0})),
              "ELF: PT_NOTE 3 (file offset 0x2000, size 0xffffffffffffffff) extends past the end of the "
              "12320-byte file: the file is truncated or corrupt");
}

TEST(Elf, EmptyTlsMeansNoTls) {
    // What GNU ld emits for a linker script's TLS segment when there are no TLS variables.
    auto bytes = build_image().bytes;
    write_phdr(bytes, kTls, Elf64_Phdr{PT_TLS, 0, 0, 0, 0, 0, 0, 8});
    auto result = parse_elf(bytes, kLimits);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_FALSE(result->has_tls);
}

TEST(Elf, SecondTls) {
    auto bytes = corrupted_phdr<uint32_t>(kStack, kPType, PT_TLS);
    poke<uint64_t>(bytes, phdr_field(kStack, kPMemsz), 0x10);
    EXPECT_EQ(parse_error(bytes),
              "ELF: PT_TLS 6 at 0x0 is a second PT_TLS segment, one is allowed: relink with tenor's linker script");
}

TEST(Elf, EmptyTlsDoesNotCountAsASecond) {
    auto bytes = corrupted_phdr<uint32_t>(kStack, kPType, PT_TLS);
    auto result = parse_elf(bytes, kLimits);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->tls_vaddr, 0x102000u);
}

TEST(Elf, TlsFileSizeLargerThanMemorySize) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kTls, kPMemsz, 0x8)),
              "ELF: PT_TLS 4 at 0x102000 has p_filesz 0x10 larger than p_memsz 0x8: the file is corrupt; "
              "rebuild the unikernel");
}

TEST(Elf, TlsLargerThanMemory) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kTls, kPMemsz, 1ull << 40)),
              "ELF: PT_TLS 4 at 0x102000 needs 0x10000000000 bytes per thread, more than guest memory: the file "
              "is corrupt; rebuild the unikernel");
}

TEST(Elf, TlsAlignmentNotPowerOfTwo) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kTls, kPAlign, 24)),
              "ELF: PT_TLS 4 at 0x102000 has alignment 0x18, not a power of two: the file is corrupt; rebuild "
              "the unikernel");
}

TEST(Elf, TlsOutsideLoads) {
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kTls, kPVaddr, 0x200000)),
              "ELF: PT_TLS 4 at 0x200000 (size 0x10) is not inside a PT_LOAD: relink with tenor's linker script");
}

TEST(Elf, TlsDataOverrunsItsLoad) {
    // .tdata starting 8 bytes before the end of .data's memory runs 8 bytes past it.
    EXPECT_EQ(parse_error(corrupted_phdr<uint64_t>(kTls, kPVaddr, 0x103008)),
              "ELF: PT_TLS 4 at 0x103008 (size 0x10) is not inside a PT_LOAD: relink with tenor's linker script");
}

TEST(Elf, TlsBssMayEndPastItsLoad) {
    // .tbss takes no space in the PT_LOAD, so only .tdata must lie inside it.
    auto bytes = corrupted_phdr<uint64_t>(kTls, kPVaddr, 0x103000);
    EXPECT_EQ(parse_error(bytes), "(parsed without error)");
}

TEST(Elf, NoteHeaderTruncated) {
    Image image = build_image();
    // The ABI1 note ends at 0x217c, padded to 0x2180 in this 8-aligned segment; 4 bytes follow.
    poke<uint64_t>(image.bytes, phdr_field(kNote, kPFilesz), image.notes_size + 8);
    EXPECT_EQ(parse_error(image.bytes),
              "ELF: note at file offset 0x2180 in PT_NOTE 3 is truncated: 4 bytes are left, a note header needs "
              "12: the file is corrupt; rebuild the unikernel");
}

TEST(Elf, NoteNameOverrunsSegment) {
    Image image = build_image();
    poke<uint32_t>(image.bytes, image.mft_note_offset, 0x10000);
    EXPECT_EQ(parse_error(image.bytes),
              "ELF: note at file offset 0x2000 in PT_NOTE 3 has a 65536-byte name that overruns the segment "
              "(size 0x17c): the file is corrupt; rebuild the unikernel");
}

TEST(Elf, NoteNameSizeNearU32Max) {
    Image image = build_image();
    poke<uint32_t>(image.bytes, image.abi_note_offset, 0xffffffff);
    EXPECT_EQ(parse_error(image.bytes),
              "ELF: note at file offset 0x2158 in PT_NOTE 3 has a 4294967295-byte name that overruns the "
              "segment (size 0x17c): the file is corrupt; rebuild the unikernel");
}

TEST(Elf, NoteDescriptorOverrunsSegment) {
    Image image = build_image();
    poke<uint32_t>(image.bytes, image.abi_note_offset + 4, 17);
    EXPECT_EQ(parse_error(image.bytes),
              "ELF: note at file offset 0x2158 in PT_NOTE 3 has a 17-byte descriptor that overruns the segment "
              "(size 0x17c): the file is corrupt; rebuild the unikernel");
}

TEST(Elf, LimitsAreChecked) {
    auto bytes = build_image().bytes;
    EXPECT_EQ(parse_error(bytes, {0x100000, 0x100000}),
              "ELF: internal error: load limits [0x100000, 0x100000) are empty or too high; this is a bug in the "
              "monitor");
    EXPECT_EQ(parse_error(bytes, {0x100000, ~uint64_t{0}}),
              "ELF: internal error: load limits [0x100000, 0xffffffffffffffff) are empty or too high; this is a "
              "bug in the monitor");
}

TEST(ElfNote, FindsBothSolo5Notes) {
    // The MFT1 descriptor (324 bytes) starts at segment offset 20, so it ends
    // on an 8-byte boundary, where the linker puts the ABI1 note; padding
    // descsz itself to 8 would look for it 4 bytes too far.
    Image image = build_image();
    auto abi = find_note(image.bytes, "Solo5", ABI1_NOTE_TYPE);
    ASSERT_TRUE(abi.ok()) << abi.error().message;
    ASSERT_TRUE(abi->has_value());
    EXPECT_EQ((*abi)->size(), 16u);
    EXPECT_EQ((*abi)->data(), image.bytes.data() + image.abi_note_offset + 20);
    auto mft = find_note(image.bytes, "Solo5", MFT_NOTE_TYPE);
    ASSERT_TRUE(mft.ok()) << mft.error().message;
    ASSERT_TRUE(mft->has_value());
    EXPECT_EQ((*mft)->size(), MFT_NOTE_PAD + MFT_SIZE(3));
    EXPECT_EQ((*mft)->data(), image.bytes.data() + image.mft_note_offset + 20);
}

TEST(ElfNote, AbsentNoteIsNullopt) {
    Image image = build_image();
    const std::pair<const char*, uint32_t> absent[] = {
        {"Solo5", 0x12345678}, {"Solo", ABI1_NOTE_TYPE}, {"Solo55", ABI1_NOTE_TYPE}, {"GNU", ABI1_NOTE_TYPE},
        {"", ABI1_NOTE_TYPE}};
    for (auto [name, type] : absent) {
        auto note = find_note(image.bytes, name, type);
        ASSERT_TRUE(note.ok()) << note.error().message;
        EXPECT_FALSE(note->has_value()) << name;
    }
}

TEST(ElfNote, NameWithoutNulDoesNotMatch) {
    Image image = build_image();
    // "Solo5" with n_namesz 5 lacks its NUL, so it is not the Solo5 owner name.
    poke<uint32_t>(image.bytes, image.abi_note_offset, 5);
    auto note = find_note(image.bytes, "Solo5", ABI1_NOTE_TYPE);
    ASSERT_TRUE(note.ok()) << note.error().message;
    EXPECT_FALSE(note->has_value());
}

TEST(ElfNote, DuplicateNoteIsAnError) {
    Image image = build_image();
    poke<uint32_t>(image.bytes, image.abi_note_offset + 8, MFT_NOTE_TYPE);
    auto note = find_note(image.bytes, "Solo5", MFT_NOTE_TYPE);
    ASSERT_FALSE(note.ok());
    EXPECT_EQ(note.error().message,
              "ELF: two 'Solo5' notes of type 0x3154464d (at file offsets 0x2000 and 0x2158): a unikernel carries "
              "one; relink with tenor's toolchain");
}

TEST(ElfNote, ChecksTheElfHeaderFirst) {
    auto bytes = corrupted<uint8_t>(0, 0);
    auto note = find_note(bytes, "Solo5", MFT_NOTE_TYPE);
    ASSERT_FALSE(note.ok());
    EXPECT_EQ(note.error().message,
              "ELF: not an ELF file (bad magic bytes): give the path of a unikernel built with tenor's toolchain");
}

TEST(ElfNote, MalformedNoteIsAnErrorEvenAfterTheMatch) {
    Image image = build_image();
    poke<uint32_t>(image.bytes, image.abi_note_offset + 4, 0x1000);
    auto note = find_note(image.bytes, "Solo5", MFT_NOTE_TYPE);
    ASSERT_FALSE(note.ok());
    EXPECT_EQ(note.error().message,
              "ELF: note at file offset 0x2158 in PT_NOTE 3 has a 4096-byte descriptor that overruns the segment "
              "(size 0x17c): the file is corrupt; rebuild the unikernel");
}

TEST(ElfNote, FourByteAlignedSegmentWithLeadingNote) {
    for (uint64_t align : {4, 8}) {
        ImageOptions options;
        options.with_leading_note = true;
        options.note_align = align;
        Image image = build_image(options);
        ASSERT_EQ(parse_error(image.bytes), "(parsed without error)") << align;
        auto abi = find_note(image.bytes, "Solo5", ABI1_NOTE_TYPE);
        ASSERT_TRUE(abi.ok()) << abi.error().message;
        ASSERT_TRUE(abi->has_value());
        EXPECT_EQ((*abi)->data(), image.bytes.data() + image.abi_note_offset + 20);
        auto gnu = find_note(image.bytes, "GNU", 3);
        ASSERT_TRUE(gnu.ok()) << gnu.error().message;
        ASSERT_TRUE(gnu->has_value());
        EXPECT_EQ((*gnu)->size(), 5u);
    }
}

TEST(ElfNote, EmptyNoteSegmentHasNoNotes) {
    ImageOptions options;
    options.with_manifest = false;
    options.with_abi = false;
    Image image = build_image(options);
    EXPECT_EQ(parse_error(image.bytes), "(parsed without error)");
    auto note = find_note(image.bytes, "Solo5", MFT_NOTE_TYPE);
    ASSERT_TRUE(note.ok());
    EXPECT_FALSE(note->has_value());
}

// Runs every reader over a damaged image; the assertion is that none crashes
// or reads out of bounds (AddressSanitizer reports that under -DTENOR_ASAN=ON).
void read_everything(const std::vector<uint8_t>& bytes) {
    auto elf = parse_elf(bytes, kLimits);
    if (elf.ok()) {
        for (const ElfSegment& seg : elf->loads) {
            ASSERT_LE(seg.offset + seg.filesz, bytes.size());
            ASSERT_LE(seg.filesz, seg.memsz);
            ASSERT_GE(seg.vaddr, kLimits.min_vaddr);
            ASSERT_LE(seg.vaddr + seg.memsz, kLimits.max_end);
        }
        ASSERT_LE(elf->load_end, kLimits.max_end);
    }
    auto manifest = read_manifest(bytes);
    if (manifest.ok()) {
        ASSERT_EQ(manifest->raw.size(), MFT_SIZE(manifest->get()->entries));
        for (const ManifestDevice& d : manifest->devices)
            ASSERT_TRUE(valid_device_name(d.name));
    }
    (void)read_abi(bytes);
    (void)check_abi(bytes, ABI_TARGET_TENOR_HVT, TENOR_HVT_ABI_VERSION);
}

TEST(ElfFuzz, EveryBitFlipIsHandled) {
    const std::vector<uint8_t> good = build_image().bytes;
    std::vector<uint8_t> bytes = good;
    for (size_t i = 0; i < good.size(); i++) {
        for (int bit = 0; bit < 8; bit++) {
            bytes[i] = good[i] ^ static_cast<uint8_t>(1u << bit);
            read_everything(bytes);
            if (HasFatalFailure())
                FAIL() << "at byte " << i << " bit " << bit;
        }
        bytes[i] = good[i];
    }
}

TEST(ElfFuzz, InterestingValuesInHeadersAndNotes) {
    const std::vector<uint8_t> good = build_image().bytes;
    std::vector<uint64_t> offsets;
    for (uint64_t i = 0; i < kPhoff + kPhnum * sizeof(Elf64_Phdr); i++)
        offsets.push_back(i);
    for (uint64_t i = kRodataOffset; i < kRodataOffset + 0x180; i++)
        offsets.push_back(i);
    const uint64_t values[] = {0, 1, 0x7f, 0x80, 0xff, 0xfff, 0x1000, 0x7fffffff, 0xffffffff,
                               0x100000000, 0x7fffffffffffffff, 0xfffffffffffff000, ~uint64_t{0}};
    for (uint64_t offset : offsets) {
        for (uint64_t value : values) {
            for (size_t width : {1, 2, 4, 8}) {
                if (offset + width > good.size())
                    continue;
                std::vector<uint8_t> bytes = good;
                std::memcpy(bytes.data() + offset, &value, width);
                read_everything(bytes);
                if (HasFatalFailure())
                    FAIL() << "at offset " << offset << " value " << value << " width " << width;
            }
        }
    }
}

TEST(ElfFuzz, RandomDamageAndTruncation) {
    const std::vector<uint8_t> good = build_image().bytes;
    std::mt19937_64 rng(20260101);
    for (int round = 0; round < 20000; round++) {
        std::vector<uint8_t> bytes = good;
        int changes = 1 + static_cast<int>(rng() % 8);
        for (int c = 0; c < changes; c++) {
            // Half the damage lands in the headers and notes, where it matters most.
            uint64_t span = (rng() & 1) ? good.size() : kRodataOffset + 0x180;
            bytes[rng() % span] = static_cast<uint8_t>(rng());
        }
        if (rng() % 4 == 0)
            bytes.resize(rng() % bytes.size());
        read_everything(bytes);
        if (HasFatalFailure())
            FAIL() << "in round " << round;
    }
}

}  // namespace
}  // namespace tenor::test
