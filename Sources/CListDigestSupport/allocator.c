#include "listdigest_support.h"

#include <limits.h>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>

void ld_keep_freed_memory(void) {
    // Blocks up to 32 MiB come from the heap, which is never trimmed and grows 64 MiB at a time.
    // A thread's heap is made with the padding in force when the thread first allocates: made
    // before this runs, it grows a page at a time, each page an mprotect call.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, INT_MAX);
    mallopt(M_TOP_PAD, 64 << 20);
}
#else
void ld_keep_freed_memory(void) {}
#endif
