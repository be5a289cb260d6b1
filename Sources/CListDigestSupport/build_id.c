#define _GNU_SOURCE  // dl_iterate_phdr

#include "listdigest_support.h"

#include <string.h>

#if defined(__linux__)
#include <elf.h>
#include <link.h>

struct build_id_search {
    unsigned char *buffer;
    size_t capacity;
    size_t length;
};

// Called for each loaded object, the program itself first: looks through its note segments
// for the GNU build ID, then stops.
static int find_build_id(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct build_id_search *search = data;
    for (int index = 0; index < info->dlpi_phnum; index++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[index];
        if (segment->p_type != PT_NOTE) continue;
        const unsigned char *note = (const unsigned char *)(info->dlpi_addr + segment->p_vaddr);
        const unsigned char *end = note + segment->p_memsz;
        while (note + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *header = (const ElfW(Nhdr) *)note;
            const unsigned char *name = note + sizeof(ElfW(Nhdr));
            const unsigned char *descriptor = name + ((header->n_namesz + 3) & ~3u);
            const unsigned char *next = descriptor + ((header->n_descsz + 3) & ~3u);
            if (next > end) break;
            if (header->n_type == NT_GNU_BUILD_ID && header->n_namesz == 4 && memcmp(name, "GNU", 4) == 0
                && header->n_descsz <= search->capacity) {
                memcpy(search->buffer, descriptor, header->n_descsz);
                search->length = header->n_descsz;
                return 1;
            }
            note = next;
        }
    }
    return 1;
}

size_t ld_build_id(unsigned char *buffer, size_t capacity) {
    struct build_id_search search = {buffer, capacity, 0};
    dl_iterate_phdr(find_build_id, &search);
    return search.length;
}
#else
size_t ld_build_id(unsigned char *buffer, size_t capacity) {
    (void)buffer;
    (void)capacity;
    return 0;
}
#endif
