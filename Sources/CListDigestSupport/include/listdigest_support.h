#ifndef LISTDIGEST_SUPPORT_H
#define LISTDIGEST_SUPPORT_H

#include <stddef.h>

/// Atomically exchanges two paths (both must exist): after the call each name
/// refers to what the other did. Returns 0, or -1 with errno set (ENOSYS or
/// EINVAL where the file system cannot do it).
int ld_exchange_paths(const char *first, const char *second);

#if defined(__linux__)
/// Writes every changed file of the file system holding `descriptor` to disk
/// (syncfs): one call instead of an fsync per file.
int ld_sync_file_system(int descriptor);
#endif

/// Removes a folder and everything in it, without following symbolic links
/// (`rm -rf`): a third of the time Foundation's removeItem takes. 0, or -1 with errno.
int ld_remove_tree(const char *path);

/// Lists every file (or link) and folder below `root`, without following links, into a
/// buffer it sets `listing` to and the caller frees: each entry is a kind byte ('f' or 'd'),
/// the path relative to `root`, and a NUL; a folder comes before what it holds. Each folder is
/// opened relative to its parent and read straight from the kernel (Linux: getdents64), so
/// nothing is stat'ed where the file system tells kinds. When `recursive` is 0, only `root`'s
/// own entries are listed. Returns the length, or -1 with errno.
long ld_list_tree(const char *root, int recursive, char **listing);

/// Asks the C allocator to keep memory a process frees for its own later allocations instead
/// of handing it back to the system (glibc; elsewhere it does nothing).
void ld_keep_freed_memory(void);

/// Where the system gives transparent huge pages only to memory that asks for them, makes
/// `arenas` glibc arenas whose heaps ask for them (`madvise`), for the threads that start later
/// to take over: glibc hands a new thread an arena a thread that ended let go before it makes
/// one. Does nothing when `GLIBC_TUNABLES` sets `glibc.malloc.hugetlb` (1: glibc asks itself;
/// 0: kept off). Call once, at the start, after `ld_keep_freed_memory`. Returns 1 when heaps
/// were advised, else 0.
int ld_advise_huge_pages(int arenas);

/// Whether glibc's heaps are on transparent huge pages: the system gives them to all memory, or
/// to memory that asks and `ld_advise_huge_pages` asked, or `GLIBC_TUNABLES` sets
/// `glibc.malloc.hugetlb=1`. 0 off glibc.
int ld_heap_on_huge_pages(void);

/// Copies the running program's build ID (the linker's hash of its contents: a GNU note) into
/// `buffer`; returns its length, or 0 when it has none that fits (or off Linux).
size_t ld_build_id(unsigned char *buffer, size_t capacity);

#endif
