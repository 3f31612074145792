/* corpus.h: the YAML corpus format of CORPUS-FORMAT.md, in and out.
 *
 * Import is all-or-nothing: every file is read inside one transaction and
 * the first error (as FILE:LINE:COLUMN: message) rolls everything back.
 * Export writes the whole project in a deterministic order such that
 * import(export(db)) gives back the same content. */
#ifndef PRAXIS_CORPUS_H
#define PRAXIS_CORPUS_H

#include <stdint.h>
#include <stdio.h>
#include "praxis/db.h"

#define CORPUS_FORMAT_VERSION 1

typedef struct corpus_stats {
	int64_t coders, communities, codes, repertoire, accountability;
	int64_t participants, vignettes, codings, memos;
} corpus_stats;

/* Imports the files in one transaction. coder_id is the importing coder
 * (codings without a coder get it); 0 means the first coder the files
 * list, else one named after $USER, added only if a coding needs it.
 * stats may be NULL. */
int corpus_import(px_db *db, const char *const *files, int nfiles, int64_t coder_id,
		  corpus_stats *stats, px_err *e);
/* The same from a buffer; name is used in error messages. */
int corpus_import_buffer(px_db *db, const char *name, const char *data, size_t len,
			 int64_t coder_id, corpus_stats *stats, px_err *e);

int corpus_export(px_db *db, FILE *out, px_err *e);

#endif
