#ifndef CLERK_DATA_H
#define CLERK_DATA_H
#include <stddef.h>

/// The bytes of Data/lexicon.tsv (lines of `WORD<TAB>TIER`), built into the binary.
const unsigned char *clerk_lexicon_bytes(size_t *count);

/// The bytes of Data/citation-table.tsv (from reporters-db), built into the binary.
const unsigned char *clerk_citation_table_bytes(size_t *count);

#endif
