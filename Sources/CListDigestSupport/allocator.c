#include "listdigest_support.h"

#include <limits.h>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int ld_heap_on_huge_pages(void) {
    int mode = huge_pages_mode();
    const char *setting = huge_pages_setting();
    return mode == 2 || (mode == 1 && setting && setting[0] == '1' && (setting[1] == 0 || setting[1] == ':'));
}

#if __GLIBC__ == 2 && __GLIBC_MINOR__ < 35
// The tunable came with glibc 2.35.
void ld_run_again_with_huge_pages(char *const argv[]) { (void)argv; }
#else
void ld_run_again_with_huge_pages(char *const argv[]) {
    // Asked for already (by this function, before the program ran again) or set otherwise;
    // "always" gives them anyway.
    if (huge_pages_setting() || huge_pages_mode() != 1) return;
    const char *tunables = getenv("GLIBC_TUNABLES");
    if (tunables && !*tunables) tunables = NULL;
    size_t size = (tunables ? strlen(tunables) + 1 : 0) + sizeof huge_pages_tunable + 2;
    char *value = malloc(size);
    if (!value) return;
    snprintf(value, size, "%s%s%s=1", tunables ? tunables : "", tunables ? ":" : "", huge_pages_tunable);
    char *before = tunables ? strdup(tunables) : NULL;
    if (setenv("GLIBC_TUNABLES", value, 1) == 0) {
        execv("/proc/self/exe", argv);
        // Not run again: on as before.
        if (before) setenv("GLIBC_TUNABLES", before, 1); else unsetenv("GLIBC_TUNABLES");
    }
    free(before);
    free(value);
}
#endif

void ld_keep_freed_memory(void) {
    // Blocks up to 32 MiB come from the heap, which is never trimmed and grows 64 MiB at a time.
    // A thread's heap is made with the padding in force when the thread first allocates: made
    // before this runs, it grows a page at a time, each page an mprotect call.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, INT_MAX);
    mallopt(M_TOP_PAD, 64 << 20);
}
#else
void ld_run_again_with_huge_pages(char *const argv[]) { (void)argv; }
int ld_heap_on_huge_pages(void) { return 0; }
void ld_keep_freed_memory(void) {}
#endif
