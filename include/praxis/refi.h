/* refi.h: the REFI-QDA exchange standard (QDA-XML 1.0): codebooks (.qdc)
 * and projects (.qdpx, a zip with project.qde and sources/), out and in.
 * The structure follows the REFI-QDA 1.0 project schema (tests/data/refi-qda.xsd).
 *
 * Export: GUIDs come from the uuid stored with each row (stable across
 * exports); things praxis keeps no uuid for (variables, selections) get a
 * GUID derived from the project uuid and their identity. Sources are UTF-8
 * with LF line ends; positions count code points over exactly that text. */
#ifndef PRAXIS_REFI_H
#define PRAXIS_REFI_H

#include <stdint.h>
#include <stdio.h>
#include "praxis/db.h"
#include "praxis/export_ctx.h"
#include "praxis/util.h"

#define REFI_NS_PROJECT "urn:QDA-XML:project:1.0"
#define REFI_NS_CODEBOOK "urn:QDA-XML:codebook:1.0"
/* praxis's own extension inside a .qdpx, which other tools ignore: the
 * entry REFI_PRAXIS_ENTRY (<Praxis> in this namespace) names the digest of
 * project.qde it was written with and the entry REFI_PRAXIS_CORPUS, the
 * whole project as corpus YAML. Written for an export that changes
 * nothing (--keep-names, no filter); read back when project.qde still has
 * that digest, so praxis -> .qdpx -> praxis is lossless, and ignored (with
 * a warning) when another tool has rewritten the project. */
#define REFI_NS_PRAXIS "urn:praxis:refi:1"
#define REFI_PRAXIS_ENTRY "praxis.xml"
#define REFI_PRAXIS_CORPUS "praxis/corpus.yaml"
/* The digest praxis.xml names: "fnv1a64:" and 16 hex digits of data. */
void refi_digest(const char *data, size_t len, char out[32]);
/* Zip entries larger than this (declared or actual) are refused. */
#define REFI_MAX_ENTRY (256u * 1024u * 1024u)
/* All the entries one import reads (project.qde, sources, notes), in
 * uncompressed bytes: more is refused with a message naming the limit. */
#define REFI_MAX_READ ((size_t)512 * 1024 * 1024)
/* The limit in force: REFI_MAX_READ; only a test lowers it. */
extern size_t refi_read_limit;

/* Variables that carry praxis identities through other tools: the
 * participant's id on each Case, the vignette's id, date and community on
 * each TextSource; an import takes them back instead of making ids from
 * names. */
#define REFI_VAR_ID "praxis_id"
/* The vignette's id on its source: a name of its own, as QualCoder keeps
 * one kind (case or file) per variable (earlier praxis exports used
 * praxis_id here, which is still read). */
#define REFI_VAR_VIGNETTE_ID "praxis_vignette_id"
#define REFI_VAR_DATE "praxis_date"
#define REFI_VAR_COMMUNITY "praxis_community"

int refi_write_qdc(export_ctx *x, FILE *out);
/* Writes the zip to a temp file beside path, then renames it into place. */
int refi_write_qdpx(export_ctx *x, const char *path);

/* A stable GUID for seed (a name-based UUID, version 5 layout). */
void refi_guid(const char *seed, char out[37]);

struct refi_import_stats {
	int64_t users, codes, cases, sources, codings, notes;
	int64_t skipped_sources;   /* PDF, picture, audio, video sources, and text
				      sources whose file is outside the archive */
	int64_t skipped_elements;  /* elements praxis does not keep */
	int64_t normalized;        /* sources whose CR LF / BOM was normalized */
	int64_t skipped_selections;/* selections or codings left out (out of the
				      text, unknown code), each with a line in report */
	int64_t flagged;           /* codings imported with needs_review: the
				      evidence for the positions' unit was split */
	int lossless;              /* read from praxis's own corpus (praxis.xml) */
	strlist report;            /* lines for the user: how positions were read,
				      what was skipped; the caller frees it */
};

struct refi_import_opts {
	int positions;             /* enum refi_unit; REFI_UNIT_AUTO decides per source */
	int strict;                /* a bad selection fails the import */
	/* With coder_id 0: asked for the coder of codings without a user
	 * when the file is read as REFI-QDA (not for praxis's own corpus,
	 * which names its coders). NULL: they keep 0. */
	int (*coder)(void *ud, int64_t *coder_id, px_err *e);
	void *coder_ud;
};

/* Imports a .qdpx into db inside the caller's transaction (the caller
 * rolls back on error). Top-level codes whose name is not a root's go
 * under root (CODE_ME..CODE_SR). Codings without a user get coder_id. */
int refi_import(px_db *db, const char *path, int64_t coder_id, int root,
		struct refi_import_stats *st, px_err *e);
/* refi_import with options (NULL: decide the unit per source, skip bad
 * selections with a line in st->report). */
int refi_import_with(px_db *db, const char *path, int64_t coder_id, int root,
		     const struct refi_import_opts *opts, struct refi_import_stats *st,
		     px_err *e);

/* Imports a codebook (.qdc) alone: codes with their hierarchy,
 * descriptions and colours join the codebook (top-level codes that are not
 * a root's go under root), inside the caller's transaction. Tolerates a
 * BOM, an empty <Sets/> (Taguette) and older namespace spellings
 * (urn:QDA-XML:codebook:1:0); errors name FILE:LINE. */
int refi_import_qdc(px_db *db, const char *path, int root, struct refi_import_stats *st,
		    px_err *e);

#endif
