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
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlsave.h>
#include <libxml/HTMLparser.h>

// `xmlFree` is a global function pointer; Swift 6 strict concurrency rejects using it
// directly, so free through a plain inline function.
static inline void clerk_xml_free(void *pointer) {
    xmlFree(pointer);
}

// --- Helpers for ClerkLibXML -------------------------------------------------------

#include <libxml/xmlschemastypes.h>

// `xmlGenericErrorFunc` is variadic, which Swift cannot express, so the "say nothing"
// handler lives here.
static void clerk_xml_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

// One-time process setup: initialise the parser and the XSD built-in types (the latter is
// lazily and racily initialised otherwise), and make every thread created from now on
// start with a silent generic error handler.
static inline void clerk_xml_initialize(void) {
    xmlInitParser();
    xmlSchemaInitTypes();
    xmlThrDefSetGenericErrorFunc(NULL, clerk_xml_ignore_generic_error);
}

// The generic error handler is thread-local in this build: silence it on the calling thread.
static inline void clerk_xml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, clerk_xml_ignore_generic_error);
}

#endif
