#ifndef LISTDIGEST_SUPPORT_H
#define LISTDIGEST_SUPPORT_H

/// Atomically exchanges two paths (both must exist): after the call each name
/// refers to what the other did. Returns 0, or -1 with errno set (ENOSYS or
/// EINVAL where the file system cannot do it).
int ld_exchange_paths(const char *first, const char *second);

#endif
