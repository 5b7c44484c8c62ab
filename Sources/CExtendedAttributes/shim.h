// Extended attributes of files (`user.*` on Linux), which Swift's Glibc module does not export.
// One signature for Linux and macOS, whose calls take extra arguments.
#ifndef CLERK_EXTENDED_ATTRIBUTES_H
#define CLERK_EXTENDED_ATTRIBUTES_H

#include <sys/types.h>
#include <sys/xattr.h>

/// Sets attribute `name` of the open file `fd` to `size` bytes of `value`; 0, or -1 with errno.
static inline int clerk_fsetxattr(int fd, const char *name, const void *value, size_t size) {
#ifdef __APPLE__
    return fsetxattr(fd, name, value, size, 0, 0);
#else
    return fsetxattr(fd, name, value, size, 0);
#endif
}

/// Reads attribute `name` of the file at `path` (following symbolic links) into `value`; its
/// size, or -1 with errno.
static inline ssize_t clerk_getxattr(const char *path, const char *name, void *value, size_t size) {
#ifdef __APPLE__
    return getxattr(path, name, value, size, 0, 0);
#else
    return getxattr(path, name, value, size);
#endif
}

#endif
