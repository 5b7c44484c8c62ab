#ifndef CLERK_CLIBXML2_SHIM_H
#define CLERK_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU. When a Swift module sees both Foundation and
// these headers, a clean build fails with "'UErrorCode' has different definitions".
// libxml2's public API does not need ICU's types, so hide them.
#include <libxml/xmlversion.h>
#ifdef LIBXML_ICU_ENABLED
#undef LIBXML_ICU_ENABLED
#endif

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlsave.h>

// `xmlFree` is a global function pointer; Swift 6 strict concurrency rejects using it
// directly, so free through a plain inline function.
static inline void clerk_xml_free(void *pointer) {
    xmlFree(pointer);
}

#endif
