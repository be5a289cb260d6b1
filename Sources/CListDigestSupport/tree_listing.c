#define _GNU_SOURCE

#include "listdigest_support.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/syscall.h>
#endif

struct listing {
    char *bytes;
    size_t length;
    size_t capacity;
    // Whether folders are listed through, or only named.
    int recursive;
};

static int append_entry(struct listing *listing, char type, const char *path, size_t length) {
    size_t needed = listing->length + length + 2;
    if (needed > listing->capacity) {
        size_t capacity = listing->capacity ? listing->capacity : 1 << 16;
        while (capacity < needed) capacity *= 2;
        char *grown = realloc(listing->bytes, capacity);
        if (!grown) return -1;
        listing->bytes = grown;
        listing->capacity = capacity;
    }
    listing->bytes[listing->length++] = type;
    memcpy(listing->bytes + listing->length, path, length);
    listing->length += length;
    listing->bytes[listing->length++] = 0;
    return 0;
}

static int list_folder(int folder, char *path, size_t path_length, struct listing *listing);

// One entry of `folder` (whose path below the root is `path`): listed, and listed through if
// it is a folder.
static int list_entry(int folder, const char *name, unsigned char type, char *path, size_t path_length,
                      struct listing *listing) {
    if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) return 0;
    if (type == DT_UNKNOWN) {
        // Some file systems do not say: ask.
        struct stat status;
        if (fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) != 0) return -1;
        type = S_ISDIR(status.st_mode) ? DT_DIR : DT_REG;
    }
    size_t name_length = strlen(name);
    size_t length = path_length ? path_length + 1 + name_length : name_length;
    if (length >= PATH_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (path_length) path[path_length] = '/';
    memcpy(path + (path_length ? path_length + 1 : 0), name, name_length);
    path[length] = 0;
    if (append_entry(listing, type == DT_DIR ? 'd' : 'f', path, length) != 0) return -1;
    if (type != DT_DIR || !listing->recursive) return 0;
    int child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (child < 0) return -1;
    int result = list_folder(child, path, length, listing);
    int saved = errno;
    close(child);
    errno = saved;
    return result;
}

#if defined(__linux__)
struct linux_dirent64 {
    unsigned long long d_ino;
    long long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

enum { entries_buffer_size = 16384 };

// Reads the folder's entries straight from the kernel: opendir would stat every folder first.
// The buffer is the heap's, not the stack's: a folder is listed inside its parent's listing,
// and a deep tree must not overflow a thread's stack.
static int list_folder(int folder, char *path, size_t path_length, struct listing *listing) {
    char *buffer = malloc(entries_buffer_size);
    if (!buffer) return -1;
    int result = 0;
    for (;;) {
        long count = syscall(SYS_getdents64, folder, buffer, entries_buffer_size);
        if (count <= 0) {
            result = count < 0 ? -1 : 0;
            break;
        }
        for (long offset = 0; offset < count && result == 0;) {
            struct linux_dirent64 *entry = (struct linux_dirent64 *)(buffer + offset);
            offset += entry->d_reclen;
            result = list_entry(folder, entry->d_name, entry->d_type, path, path_length, listing);
        }
        if (result != 0) break;
    }
    int saved = errno;
    free(buffer);
    errno = saved;
    return result;
}
#else
static int list_folder(int folder, char *path, size_t path_length, struct listing *listing) {
    int own = dup(folder);
    if (own < 0) return -1;
    DIR *stream = fdopendir(own);
    if (!stream) {
        close(own);
        return -1;
    }
    int result = 0;
    errno = 0;
    struct dirent *entry;
    while ((entry = readdir(stream))) {
        if (list_entry(folder, entry->d_name, entry->d_type, path, path_length, listing) != 0) {
            result = -1;
            break;
        }
        errno = 0;
    }
    if (result == 0 && errno != 0) result = -1;
    int saved = errno;
    closedir(stream);
    errno = saved;
    return result;
}
#endif

long ld_list_tree(const char *root, int recursive, char **listing_out) {
    *listing_out = NULL;
    int folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder < 0) return -1;
    struct listing listing = {NULL, 0, 0, recursive};
    char path[PATH_MAX];
    path[0] = 0;
    int result = list_folder(folder, path, 0, &listing);
    int saved = errno;
    close(folder);
    if (result != 0) {
        free(listing.bytes);
        errno = saved;
        return -1;
    }
    *listing_out = listing.bytes;
    return (long)listing.length;
}
