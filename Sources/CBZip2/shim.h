// libbz2's decompression API (Debian's libbz2-dev, which has no pkg-config file).
#ifndef CLERK_CBZIP2_SHIM_H
#define CLERK_CBZIP2_SHIM_H

#include <bzlib.h>

#endif
