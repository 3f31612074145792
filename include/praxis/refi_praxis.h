/* refi_praxis.h: praxis's extension inside a .qdpx (praxis.xml, see refi.h
 * REFI_NS_PRAXIS): the register entries and each coding's mode, register
 * links, interpretation, speaker, stance, held_by and review flag, by
 * GUID, which REFI-QDA has no place for. */
#ifndef PRAXIS_REFI_PRAXIS_H
#define PRAXIS_REFI_PRAXIS_H

#include <libxml/tree.h>
#include "praxis/export_ctx.h"
#include "praxis/util.h"

/* praxis.xml for the export x whose project.qde is qde (its digest goes
 * in), appended to out; corpus: the zip entry holding the corpus, or NULL
 * when the export changes something (pseudonyms, filters). Entries of a
 * filtered export are those its codings use. */
int refi_praxis_xml(export_ctx *x, const char *qde, size_t qlen, const char *corpus,
		    strbuf *out);
/* After a REFI-QDA import of the project.qde doc was written with: adds
 * the register entries the project lacks (keeping their uuids), then sets
 * the extension's fields on each imported coding found by its GUID.
 * where names the file for messages (FILE: praxis.xml:LINE: ...). */
int refi_praxis_apply(px_db *db, xmlDocPtr doc, const char *where, px_err *e);

#endif
