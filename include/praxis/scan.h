/* scan.h: the privacy scan: every participant alias found in files
 * (plain text, Markdown, HTML, CSV, YAML; a .qdpx's project and sources;
 * a .docx's document text), whole words and ignoring ASCII case as the
 * exports replace them. */
#ifndef PRAXIS_SCAN_H
#define PRAXIS_SCAN_H

#include "praxis/alias.h"
#include "praxis/db.h"

/* Every alias of every participant, each mapped to the participant's id
 * (in alias_map's pseudonym slot). */
int scan_load(px_db *db, alias_map *m, px_err *e);

/* One alias found: where is the file (with "!entry" inside an archive),
 * line and column (code points) 1-based. */
typedef void (*scan_hit_fn)(void *ud, const char *where, long line, long col,
			    const char *participant, const char *alias);
/* Scans one file; PX_EIO / PX_EDATA for a file it cannot read. */
int scan_file(const alias_map *m, const char *path, scan_hit_fn fn, void *ud, px_err *e);

#endif
