// The data files are embedded with C23 #embed: a C compiler takes a megabyte of data in a
// fraction of a second, where a Swift array literal of the same size would dominate the build.
#include "clerk_data.h"

static const unsigned char lexicon[] = {
#embed "../../Data/lexicon.tsv"
};

static const unsigned char citation_table[] = {
#embed "../../Data/citation-table.tsv"
};

const unsigned char *clerk_lexicon_bytes(size_t *count) {
    *count = sizeof lexicon;
    return lexicon;
}

const unsigned char *clerk_citation_table_bytes(size_t *count) {
    *count = sizeof citation_table;
    return citation_table;
}
