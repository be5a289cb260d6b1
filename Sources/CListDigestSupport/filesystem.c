#define _GNU_SOURCE
#include "listdigest_support.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <unistd.h>

#if defined(__APPLE__)
int ld_exchange_paths(const char *first, const char *second) {
    return renamex_np(first, second, RENAME_SWAP);
}
#elif defined(__linux__) && defined(RENAME_EXCHANGE)
int ld_exchange_paths(const char *first, const char *second) {
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
}
#else
int ld_exchange_paths(const char *first, const char *second) {
    (void)first;
    (void)second;
    errno = ENOSYS;
    return -1;
}
#endif

#if defined(__linux__)
int ld_sync_file_system(int descriptor) {
    return syncfs(descriptor);
}
#endif

static int ld_remove_entry(const char *path, const struct stat *status, int type, struct FTW *walk) {
    (void)status;
    (void)type;
    (void)walk;
    return remove(path);
}

int ld_remove_tree(const char *path) {
    return nftw(path, ld_remove_entry, 64, FTW_DEPTH | FTW_PHYS);
}
