// zlib's inflate API, for gzip members.
#ifndef CLERK_CZLIB_SHIM_H
#define CLERK_CZLIB_SHIM_H

#include <zlib.h>

// `inflateInit2` is a macro (it passes the library's version and the stream's size), which Swift
// cannot call. 15 + 16: the largest window, and a gzip header and trailer around the data.
static inline int clerk_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}

#endif
