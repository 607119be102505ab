// vdso.cc: a minimal dynamic-symbol lookup in the vDSO (ELF gABI, "Dynamic Section" and "Hash
// Table"; Linux Documentation/ABI/stable/vdso).
#include "vdso.h"

#include <elf.h>
#include <sys/auxv.h>

#include <cstring>

namespace tenor::spt {

namespace {

struct DynamicTables {
    const Elf64_Sym* symbols = nullptr;
    const char* strings = nullptr;
    uint64_t symbol_count = 0;
};

// The number of symbols, from DT_HASH (nchain) or, lacking it, from the
// largest index DT_GNU_HASH's chains reach.
uint64_t gnu_hash_symbol_count(const uint32_t* table) {
    uint32_t buckets = table[0], first = table[1], bloom_words = table[2];
    const uint32_t* bucket = table + 4 + 2 * bloom_words;  // the bloom words are 64-bit
    const uint32_t* chain = bucket + buckets;
    uint32_t last = 0;
    for (uint32_t i = 0; i < buckets; i++)
        last = bucket[i] > last ? bucket[i] : last;
    if (last < first)
        return first;
    while ((chain[last - first] & 1) == 0)
        last++;
    return last + 1;
}

DynamicTables dynamic_tables(uint64_t load_bias, const Elf64_Dyn* dynamic) {
    DynamicTables tables;
    const uint32_t* gnu_hash = nullptr;
    for (const Elf64_Dyn* d = dynamic; d->d_tag != DT_NULL; d++) {
        uint64_t address = load_bias + d->d_un.d_ptr;
        if (d->d_tag == DT_SYMTAB)
            tables.symbols = reinterpret_cast<const Elf64_Sym*>(address);
        else if (d->d_tag == DT_STRTAB)
            tables.strings = reinterpret_cast<const char*>(address);
        else if (d->d_tag == DT_HASH)
            tables.symbol_count = reinterpret_cast<const uint32_t*>(address)[1];
        else if (d->d_tag == DT_GNU_HASH)
            gnu_hash = reinterpret_cast<const uint32_t*>(address);
    }
    if (tables.symbol_count == 0 && gnu_hash != nullptr)
        tables.symbol_count = gnu_hash_symbol_count(gnu_hash);
    return tables;
}

}  // namespace

uint64_t vdso_symbol(uint64_t image, const char* name) {
    if (image == 0)
        return 0;
    auto* header = reinterpret_cast<const Elf64_Ehdr*>(image);
    if (std::memcmp(header->e_ident, ELFMAG, SELFMAG) != 0 || header->e_ident[EI_CLASS] != ELFCLASS64)
        return 0;
    auto* phdrs = reinterpret_cast<const Elf64_Phdr*>(image + header->e_phoff);
    const Elf64_Phdr* load = nullptr;
    const Elf64_Phdr* dynamic = nullptr;
    for (unsigned i = 0; i < header->e_phnum; i++) {
        if (phdrs[i].p_type == PT_LOAD && load == nullptr)
            load = &phdrs[i];
        else if (phdrs[i].p_type == PT_DYNAMIC)
            dynamic = &phdrs[i];
    }
    if (load == nullptr || dynamic == nullptr)
        return 0;
    // The vDSO is mapped as one piece: addresses are relative to its first PT_LOAD.
    uint64_t load_bias = image + load->p_offset - load->p_vaddr;
    DynamicTables tables =
        dynamic_tables(load_bias, reinterpret_cast<const Elf64_Dyn*>(load_bias + dynamic->p_vaddr));
    if (tables.symbols == nullptr || tables.strings == nullptr)
        return 0;
    for (uint64_t i = 0; i < tables.symbol_count; i++) {
        const Elf64_Sym& symbol = tables.symbols[i];
        if (symbol.st_shndx == SHN_UNDEF || ELF64_ST_TYPE(symbol.st_info) != STT_FUNC)
            continue;
        if (std::strcmp(tables.strings + symbol.st_name, name) == 0)
            return load_bias + symbol.st_value;
    }
    return 0;
}

uint64_t vdso_clock_gettime() {
    return vdso_symbol(getauxval(AT_SYSINFO_EHDR), "__vdso_clock_gettime");
}

}  // namespace tenor::spt
