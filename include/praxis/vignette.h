/* vignette.h: observed episodes, their text and who was present.
 *
 * Changing a vignette's text keeps its codings anchored: spans after the
 * edit shift, spans the edit cuts into are kept and flagged needs_review. */
#ifndef PRAXIS_VIGNETTE_H
#define PRAXIS_VIGNETTE_H

#include <stdint.h>
#include "praxis/db.h"
#include "praxis/util.h"

typedef struct px_vignette {
	int64_t id;
	char *ext_id;
	char *title;
	char *date;          /* YYYY-MM-DD or YYYY-MM-DDTHH:MM */
	int64_t community_id;/* 0 if none */
	int64_t observer_id; /* a coder, 0 if none */
	char *text;
	idlist participants; /* in the order given */
	int64_t length;      /* code points of text (filled by get/add) */
	char *uuid;
	char *created;
	char *updated;
} px_vignette;

/* 1 if date is YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with real calendar values. */
int vignette_date_valid(const char *date);

int vignette_add(px_db *db, px_vignette *v, px_err *e);
/* Updates metadata, participants and text of v->id. A text change
 * re-anchors codings (see vignette_reanchor); *flagged (may be NULL)
 * receives how many codings were flagged for review. */
int vignette_update(px_db *db, const px_vignette *v, int *flagged, px_err *e);
/* vignette_update that also counts the codings the edit moved without
 * touching them (*moved, may be NULL). The stored text is v->text after
 * textdiff_normalize against the old one (a lost final newline or CR LF
 * is no edit). */
int vignette_update_counted(px_db *db, const px_vignette *v, int *moved, int *flagged,
			    px_err *e);
int vignette_delete(px_db *db, int64_t id, px_err *e);
int vignette_find(px_db *db, const char *ext_id, int64_t *id, px_err *e);
int vignette_get(px_db *db, int64_t id, px_vignette *out, px_err *e);
typedef int (*vignette_fn)(const px_vignette *v, void *ud);
/* In insertion order; without text when with_text is 0 (faster listing). */
int vignette_each(px_db *db, int with_text, vignette_fn fn, void *ud, px_err *e);
int64_t vignette_count(px_db *db);
/* Codings on the vignette: counts[0] all, counts[1..3] per dimension
 * (CODE_ME, CODE_JE, CODE_SR). */
int vignette_dimension_counts(px_db *db, int64_t id, int64_t counts[4], px_err *e);
void vignette_free(px_vignette *v);

/* Where a span [start,end) lands after old text became new text, by a
 * diff of the two (textdiff.h). Returns 0 if the span is untouched
 * (shifted, same text), 1 if a change cut into it or deleted it (the span
 * then covers what survived, kept non-empty and inside). */
int vignette_reanchor(const char *old_text, const char *new_text,
		      int64_t *start, int64_t *end);
/* Re-anchors every span coding of vignette vid (inside the caller's
 * transaction): *moved (may be NULL) counts the untouched ones that
 * shifted, *flagged (may be NULL) the ones flagged needs_review. */
int vignette_reanchor_codings(px_db *db, int64_t vid, const char *old_text,
			      const char *new_text, int *moved, int *flagged, px_err *e);

#endif
