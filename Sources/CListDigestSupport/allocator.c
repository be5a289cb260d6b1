#include "listdigest_support.h"

#include <limits.h>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char huge_pages_tunable[] = "glibc.malloc.hugetlb";

/// Where Linux gives transparent huge pages: 2 to all memory ("always"), 1 only to memory that
/// asks for them ("madvise"), 0 to none (or it cannot be told).
static int huge_pages_mode(void) {
    char mode[128] = {0};
    FILE *file = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (!file) return 0;
    size_t length = fread(mode, 1, sizeof mode - 1, file);
    fclose(file);
    mode[length] = 0;
    return strstr(mode, "[always]") ? 2 : strstr(mode, "[madvise]") ? 1 : 0;
}

/// The value `GLIBC_TUNABLES` gives the huge pages tunable (up to the next ':'), or NULL.
static const char *huge_pages_setting(void) {
    size_t length = sizeof huge_pages_tunable - 1;
    const char *entry = getenv("GLIBC_TUNABLES");
    while (entry && *entry) {
        if (strncmp(entry, huge_pages_tunable, length) == 0 && entry[length] == '=') return entry + length + 1;
        entry = strchr(entry, ':');
        if (entry) entry++;
    }
    return NULL;
}

/// glibc's largest thread heap on 64-bit systems (`HEAP_MAX_SIZE`, twice the largest mmap
/// threshold). A thread's arena lives in heaps of this size, each mapped at an address it
/// divides, so a block a thread allocated lies in the heap that starts at its address rounded
/// down to it. Were that ever otherwise, the advice would fall on other memory or on none:
/// only speed would change.
#define THREAD_HEAP_SIZE ((uintptr_t)64 << 20)

/// Transparent huge pages and ordinary pages on x86-64 and arm64 (4 KB granules).
#define HUGE_PAGE_SIZE ((uintptr_t)2 << 20)
#define PAGE_SIZE_SMALL ((uintptr_t)4096)

/// What each arena-making thread allocates first (which makes its arena).
#define FIRST_BLOCK_SIZE 64

static int heaps_advised = 0;

/// The last block `set_aside_first_huge_page` took (each is never freed). Volatile: an
/// allocation the program never reads is otherwise left out by the compiler.
static void *volatile set_aside = NULL;

/// The threads that make arenas: each holds its arena until all have made theirs.
static struct {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int allocated;
    int released;
} arena_makers = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};

/// The rest of the heap's first 2 MB, taken for good and never touched. Making the arena wrote
/// its first page before the heap could be advised, so Linux maps that 2 MB range a 4 KB page at
/// a time: left to the build, it took 512 page faults per heap, nearly half of an added week's.
/// Only address space is given up: untouched pages take no memory.
static void set_aside_first_huge_page(uintptr_t heap, void *block) {
    // Past the block and the next chunk's header, up to a page before the next huge page: the
    // heap's free space then starts in that page, already mapped small, and a heap the build
    // never allocates from does not fault in a huge page for it.
    uintptr_t start = (uintptr_t)block + FIRST_BLOCK_SIZE + 2 * sizeof(size_t);
    uintptr_t end = heap + HUGE_PAGE_SIZE - PAGE_SIZE_SMALL;
    if (start + PAGE_SIZE_SMALL >= end) return;
    __atomic_store_n(&set_aside, malloc(end - start), __ATOMIC_RELAXED);
}

/// Run on a thread of its own: its first allocation makes a new arena, whose heap is advised.
static void *advise_new_arena(void *unused) {
    (void)unused;
    void *block = malloc(FIRST_BLOCK_SIZE);
    if (block) {
        uintptr_t heap = (uintptr_t)block & ~(THREAD_HEAP_SIZE - 1);
        if (madvise((void *)heap, THREAD_HEAP_SIZE, MADV_HUGEPAGE) == 0) {
            __atomic_store_n(&heaps_advised, 1, __ATOMIC_RELAXED);
            set_aside_first_huge_page(heap, block);
        }
    }
    // Alive until all have allocated, so that each makes an arena rather than taking over one
    // another thread let go.
    pthread_mutex_lock(&arena_makers.lock);
    arena_makers.allocated++;
    pthread_cond_broadcast(&arena_makers.changed);
    while (!arena_makers.released) pthread_cond_wait(&arena_makers.changed, &arena_makers.lock);
    pthread_mutex_unlock(&arena_makers.lock);
    free(block);
    return NULL;
}

int ld_advise_huge_pages(int arenas) {
    // Set already (1: glibc advises its heaps itself; 0: kept off), or nothing to ask for.
    if (huge_pages_setting() || huge_pages_mode() != 1 || arenas < 1) return 0;
    if (arenas > 64) arenas = 64;
    pthread_t threads[64];
    int started = 0;
    while (started < arenas && pthread_create(&threads[started], NULL, advise_new_arena, NULL) == 0) started++;
    pthread_mutex_lock(&arena_makers.lock);
    while (arena_makers.allocated < started) pthread_cond_wait(&arena_makers.changed, &arena_makers.lock);
    arena_makers.released = 1;
    pthread_cond_broadcast(&arena_makers.changed);
    pthread_mutex_unlock(&arena_makers.lock);
    for (int index = 0; index < started; index++) pthread_join(threads[index], NULL);
    return __atomic_load_n(&heaps_advised, __ATOMIC_RELAXED);
}

int ld_heap_on_huge_pages(void) {
    int mode = huge_pages_mode();
    const char *setting = huge_pages_setting();
    int asked = setting && setting[0] == '1' && (setting[1] == 0 || setting[1] == ':');
    return mode == 2 || (mode == 1 && (asked || __atomic_load_n(&heaps_advised, __ATOMIC_RELAXED)));
}

void ld_keep_freed_memory(void) {
    // Blocks up to 32 MiB come from the heap, which is never trimmed and grows 64 MiB at a time.
    // A thread's heap is made with the padding in force when the thread first allocates: made
    // before this runs, it grows a page at a time, each page an mprotect call.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, INT_MAX);
    mallopt(M_TOP_PAD, 64 << 20);
}
#else
int ld_advise_huge_pages(int arenas) { (void)arenas; return 0; }
int ld_heap_on_huge_pages(void) { return 0; }
void ld_keep_freed_memory(void) {}
#endif
