// liblzma's decoder API, for xz streams.
#ifndef CLERK_CLZMA_SHIM_H
#define CLERK_CLZMA_SHIM_H

#include <lzma.h>

#endif
