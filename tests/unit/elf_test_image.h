// elf_test_image.h: builds small, valid unikernel ELF images in memory for the ELF and manifest tests.
//
// The default image is what tenor's linker produces, in miniature:
//   program header 0  PT_LOAD  R X  vaddr 0x100000  .text (the entry point)
//   program header 1  PT_LOAD  R    vaddr 0x101000  .rodata, holding the notes
//   program header 2  PT_LOAD  RW   vaddr 0x102000  .data, .tdata and .bss
//   program header 3  PT_NOTE       the MFT1 note (1 reserved + 2 devices), then the ABI1 note
//   program header 4  PT_TLS        .tdata (16 bytes) and .tbss (16 bytes)
//   program header 5  PT_INTERP     "/nonexistent/solo5/"
//   program header 6  PT_GNU_STACK  (ignored by the loader)
// Tests corrupt one field at a time and check the exact error.
#pragma once

#include <elf.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "tenor/elf_abi.h"
#include "tenor/mft_abi.h"

namespace tenor::test {

inline constexpr uint64_t kTextVaddr = 0x100000;
inline constexpr uint64_t kRodataVaddr = 0x101000;
inline constexpr uint64_t kTextOffset = 0x1000;
inline constexpr uint64_t kRodataOffset = 0x2000;
inline constexpr uint64_t kPhoff = sizeof(Elf64_Ehdr);
inline constexpr uint16_t kPhnum = 7;
inline constexpr uint64_t kInterpOffset = 0x200;
inline constexpr char kInterp[] = "/nonexistent/solo5/";

// Program header indices of the default image.
enum Phdr : unsigned { kText = 0, kRodata = 1, kData = 2, kNote = 3, kTls = 4, kInterpPh = 5, kStack = 6 };

// Writes a T at a byte offset, growing nothing: the offset must be inside.
template <typename T>
void poke(std::vector<uint8_t>& bytes, uint64_t offset, T value) {
    std::memcpy(bytes.data() + offset, &value, sizeof(T));
}

template <typename T>
T peek(const std::vector<uint8_t>& bytes, uint64_t offset) {
    T value;
    std::memcpy(&value, bytes.data() + offset, sizeof(T));
    return value;
}

// The file offset of a field of program header `index`, e.g. phdr_field(kData, offsetof(Elf64_Phdr, p_vaddr)).
inline uint64_t phdr_field(unsigned index, uint64_t field) { return kPhoff + index * sizeof(Elf64_Phdr) + field; }

// A struct mft: the reserved entry, then one entry per (name, type).
inline std::vector<uint8_t> make_mft(const std::vector<std::pair<std::string, uint32_t>>& devices) {
    uint32_t entries = static_cast<uint32_t>(devices.size() + 1);
    std::vector<uint8_t> bytes(MFT_SIZE(entries), 0);
    poke<uint32_t>(bytes, 0, MFT_VERSION);
    poke<uint32_t>(bytes, 4, entries);
    poke<uint32_t>(bytes, sizeof(struct mft) + offsetof(struct mft_entry, type), MFT_RESERVED_FIRST);
    for (size_t i = 0; i < devices.size(); i++) {
        uint64_t entry = sizeof(struct mft) + (i + 1) * sizeof(struct mft_entry);
        std::memcpy(bytes.data() + entry, devices[i].first.data(), devices[i].first.size());
        poke<uint32_t>(bytes, entry + offsetof(struct mft_entry, type), devices[i].second);
    }
    return bytes;
}

// The default devices: a network and a block device.
inline std::vector<uint8_t> default_mft() {
    return make_mft({{"service", MFT_DEV_NET_BASIC}, {"storage", MFT_DEV_BLOCK_BASIC}});
}

// The MFT1 descriptor: MFT_NOTE_PAD bytes of padding, then the struct mft.
inline std::vector<uint8_t> mft_descriptor(const std::vector<uint8_t>& mft) {
    std::vector<uint8_t> desc(MFT_NOTE_PAD, 0);
    desc.insert(desc.end(), mft.begin(), mft.end());
    return desc;
}

inline std::vector<uint8_t> abi_descriptor(uint32_t target, uint32_t version) {
    std::vector<uint8_t> desc(sizeof(struct abi1_info), 0);
    poke<uint32_t>(desc, offsetof(struct abi1_info, abi_target), target);
    poke<uint32_t>(desc, offsetof(struct abi1_info, abi_version), version);
    return desc;
}

// Appends one note, padding its end to `align` (the PT_NOTE's alignment).
inline void append_note(std::vector<uint8_t>& notes, const std::string& name, uint32_t type,
                        const std::vector<uint8_t>& desc, uint64_t align) {
    auto pad_to = [&notes](uint64_t a) { notes.resize((notes.size() + a - 1) / a * a, 0); };
    uint32_t namesz = static_cast<uint32_t>(name.size() + 1);
    uint32_t descsz = static_cast<uint32_t>(desc.size());
    for (uint32_t word : {namesz, descsz, type})
        for (int shift = 0; shift < 32; shift += 8)
            notes.push_back(static_cast<uint8_t>(word >> shift));
    notes.insert(notes.end(), name.begin(), name.end());
    notes.push_back(0);
    pad_to(4);
    notes.insert(notes.end(), desc.begin(), desc.end());
    pad_to(align);
}

// What goes into the image; the defaults give the valid image described above.
struct ImageOptions {
    bool with_manifest = true;
    std::vector<uint8_t> mft_desc = mft_descriptor(default_mft());
    bool with_abi = true;
    std::vector<uint8_t> abi_desc = abi_descriptor(ABI_TARGET_TENOR_HVT, TENOR_HVT_ABI_VERSION);
    // A foreign note placed before the Solo5 notes, to shift them.
    bool with_leading_note = false;
    uint64_t note_align = 8;
};

// A built image and where its notes ended up.
struct Image {
    std::vector<uint8_t> bytes;
    uint64_t notes_size = 0;        // PT_NOTE p_filesz
    uint64_t mft_note_offset = 0;   // file offset of the MFT1 note header
    uint64_t abi_note_offset = 0;   // file offset of the ABI1 note header
    uint64_t data_vaddr = 0;
    uint64_t data_offset = 0;
};

inline uint64_t page_up(uint64_t v) { return (v + 0xfff) & ~uint64_t{0xfff}; }

inline void write_phdr(std::vector<uint8_t>& bytes, unsigned index, const Elf64_Phdr& ph) {
    poke(bytes, kPhoff + index * sizeof(Elf64_Phdr), ph);
}

inline Elf64_Ehdr make_ehdr() {
    Elf64_Ehdr eh{};
    std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_X86_64;
    eh.e_version = EV_CURRENT;
    eh.e_entry = kTextVaddr;
    eh.e_phoff = kPhoff;
    eh.e_ehsize = sizeof(Elf64_Ehdr);
    eh.e_phentsize = sizeof(Elf64_Phdr);
    eh.e_phnum = kPhnum;
    return eh;
}

inline std::vector<uint8_t> make_notes(const ImageOptions& o, Image& image) {
    std::vector<uint8_t> notes;
    if (o.with_leading_note)
        append_note(notes, "GNU", 3, {1, 2, 3, 4, 5}, o.note_align);
    image.mft_note_offset = kRodataOffset + notes.size();
    if (o.with_manifest)
        append_note(notes, MFT_NOTE_NAME, MFT_NOTE_TYPE, o.mft_desc, o.note_align);
    image.abi_note_offset = kRodataOffset + notes.size();
    if (o.with_abi)
        append_note(notes, ABI1_NOTE_NAME, ABI1_NOTE_TYPE, o.abi_desc, 4);
    return notes;
}

inline Image build_image(const ImageOptions& o = {}) {
    Image image;
    std::vector<uint8_t> notes = make_notes(o, image);
    image.notes_size = notes.size();
    uint64_t rodata_size = notes.empty() ? 16 : notes.size();
    image.data_vaddr = kRodataVaddr + page_up(rodata_size);
    image.data_offset = kRodataOffset + page_up(rodata_size);
    image.bytes.assign(image.data_offset + 0x20, 0);

    poke(image.bytes, 0, make_ehdr());
    write_phdr(image.bytes, kText, {PT_LOAD, PF_R | PF_X, kTextOffset, kTextVaddr, kTextVaddr, 0x10, 0x10, 0x1000});
    write_phdr(image.bytes, kRodata,
               {PT_LOAD, PF_R, kRodataOffset, kRodataVaddr, kRodataVaddr, rodata_size, rodata_size, 0x1000});
    write_phdr(image.bytes, kData,
               {PT_LOAD, PF_R | PF_W, image.data_offset, image.data_vaddr, image.data_vaddr, 0x20, 0x1010, 0x1000});
    write_phdr(image.bytes, kNote,
               {PT_NOTE, PF_R, kRodataOffset, kRodataVaddr, kRodataVaddr, notes.size(), notes.size(), o.note_align});
    write_phdr(image.bytes, kTls,
               {PT_TLS, PF_R, image.data_offset, image.data_vaddr, image.data_vaddr, 0x10, 0x20, 8});
    write_phdr(image.bytes, kInterpPh,
               {PT_INTERP, PF_R, kInterpOffset, 0, 0, sizeof(kInterp), sizeof(kInterp), 1});
    write_phdr(image.bytes, kStack, {PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 0, 16});

    std::memcpy(image.bytes.data() + kInterpOffset, kInterp, sizeof(kInterp));
    // .text: a few bytes of hlt; their content does not matter to the loader.
    std::memset(image.bytes.data() + kTextOffset, 0xf4, 0x10);
    if (!notes.empty())
        std::memcpy(image.bytes.data() + kRodataOffset, notes.data(), notes.size());
    std::memset(image.bytes.data() + image.data_offset, 0x5a, 0x20);
    return image;
}

}  // namespace tenor::test
