#ifndef CLERK_LEXICON_H
#define CLERK_LEXICON_H
#include <stddef.h>

/// The bytes of Data/lexicon.tsv (lines of `WORD<TAB>TIER`), built into the binary.
const unsigned char *clerk_lexicon_bytes(size_t *count);

#endif
