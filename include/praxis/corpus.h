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
/* Which sections of a file are read (a tree's project file is read twice:
 * its memos may name vignettes, which are in other files). */
enum corpus_phase { CORPUS_READ_ALL, CORPUS_READ_NO_MEMOS, CORPUS_READ_MEMOS };
typedef struct corpus_source {
	const char *path;
	int phase;            /* enum corpus_phase */
} corpus_source;
/* corpus_import with a phase per file; with replace, everything the
 * corpus format carries is removed first (project_clear_content), in the
 * same transaction, so the files become the project's whole content while
 * the file's own settings stay. */
int corpus_import_sources(px_db *db, const corpus_source *src, int n, int64_t coder_id,
			  int replace, corpus_stats *stats, px_err *e);
/* The same from a buffer; name is used in error messages. */
int corpus_import_buffer(px_db *db, const char *name, const char *data, size_t len,
			 int64_t coder_id, corpus_stats *stats, px_err *e);

int corpus_export(px_db *db, FILE *out, px_err *e);

/* What one file of an export holds: the whole project, the project
 * without its vignettes (a tree's project.yaml: log, memos on several
 * targets and the conflicts of no vignette included), or one vignette with
 * its codings, memos and conflicts (vignettes/ID.yaml). */
enum corpus_part { CORPUS_PART_ALL, CORPUS_PART_PROJECT, CORPUS_PART_VIGNETTE };
struct px_names;
/* corpus_export of one part; names (may be NULL: loaded here) lets a
 * writer of many files load the names once. */
int corpus_export_part(px_db *db, FILE *out, int part, int64_t vignette_id,
		       const struct px_names *names, px_err *e);

/* Writes a tree read back (ytree.h) in the styles corpus_export uses, so
 * that a file praxis wrote, read and written again keeps its bytes: for
 * the merge driver, which merges files as trees. */
struct ynode;
int corpus_write_node(const struct ynode *root, FILE *out, px_err *e);

#endif
