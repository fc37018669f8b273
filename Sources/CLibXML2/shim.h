#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

/* libxml2 for Swift on Linux.
 *
 * Debian's libxml2 is built with ICU, so <libxml/encoding.h> includes the system
 * <unicode/ucnv.h> (ICU 72) while Foundation ships its own ICU headers as _FoundationICU;
 * a module that sees both fails on a cold build with "'UErrorCode' has different definitions
 * in different modules". libxml2's public API needs only the UConverter type name, so the
 * ICU header is kept out and the two names it would declare are declared here instead. */
#include <stdint.h>
#include <libxml/xmlversion.h>
#ifdef LIBXML_ICU_ENABLED
#define UCNV_H 1
typedef struct UConverter UConverter;
typedef uint16_t UChar;
#endif

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

/* libxml2's mutable globals, wrapped: Swift 6 refuses direct access to them. */
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }
static inline const char *clibxml2_version(void) { return xmlParserVersion; }

#endif
