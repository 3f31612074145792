/* notes.h: plain field notes (.md, .txt) as vignettes: one file, one
 * vignette, with optional YAML front matter (title, date, community,
 * participants). The vignette id is the file name without extension.
 * Importing a file again whose vignette exists replaces its text and what
 * its front matter or heading says, re-anchoring its codings. */
#ifndef PRAXIS_NOTES_H
#define PRAXIS_NOTES_H

#include <stdint.h>
#include "praxis/db.h"

/* Imports the files inside the caller's transaction; errors are
 * FILE:LINE:COL: message. *count (may be NULL) receives the vignettes. */
int notes_import(px_db *db, const char *const *files, int nfiles, int64_t coder_id,
		 int64_t *count, px_err *e);
/* The same for one buffer named name (for tests). */
int notes_import_buffer(px_db *db, const char *name, const char *data, size_t len,
			int64_t coder_id, px_err *e);

#endif
