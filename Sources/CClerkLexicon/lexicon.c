// The word list is embedded with C23 #embed: a C compiler takes a megabyte of data in a
// fraction of a second, where a Swift array literal of the same size would dominate the build.
#include "clerk_lexicon.h"

static const unsigned char lexicon[] = {
#embed "../../Data/lexicon.tsv"
};

const unsigned char *clerk_lexicon_bytes(size_t *count) {
    *count = sizeof lexicon;
    return lexicon;
}
