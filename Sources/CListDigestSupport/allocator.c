#include "listdigest_support.h"

#include <limits.h>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char huge_pages_tunable[] = "glibc.malloc.hugetlb";

#if __GLIBC__ == 2 && __GLIBC_MINOR__ < 35
// The tunable came with glibc 2.35.
void ld_run_again_with_huge_pages(char *const argv[]) { (void)argv; }
#else
void ld_run_again_with_huge_pages(char *const argv[]) {
    const char *tunables = getenv("GLIBC_TUNABLES");
    if (tunables && !*tunables) tunables = NULL;
    // Asked for already (by this function, before the program ran again) or set otherwise.
    if (tunables && strstr(tunables, huge_pages_tunable)) return;
    // Only where huge pages go to memory that asks for them; "always" gives them anyway.
    char mode[128] = {0};
    FILE *file = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (!file) return;
    size_t length = fread(mode, 1, sizeof mode - 1, file);
    fclose(file);
    mode[length] = 0;
    if (!strstr(mode, "[madvise]")) return;
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
void ld_keep_freed_memory(void) {}
#endif
