/* coding.h: a code attached to a span of a vignette by one coder.
 *
 * Spans count Unicode code points, end exclusive; start = end = -1 means
 * the whole vignette. Every write notifies the db listeners (summaries,
 * undo) with the coding before and after. */
#ifndef PRAXIS_CODING_H
#define PRAXIS_CODING_H

#include <stdint.h>
#include "praxis/db.h"
#include "praxis/util.h"

/* A coding's mode is a set: participation and reification are a duality,
 * not a choice; a moment may show one, the other or both (or it is unset). */
enum coding_mode {
	MODE_NONE = 0, MODE_PARTICIPATION = 1, MODE_REIFICATION = 2,
	MODE_BOTH = MODE_PARTICIPATION | MODE_REIFICATION
};
enum coding_stance {
	STANCE_NONE = 0, STANCE_UPHELD, STANCE_BREACHED, STANCE_NEGOTIATED,
	STANCE_CONTESTED, STANCE_COUNT
};

typedef struct px_coding {
	int64_t id;
	int64_t vignette_id;
	int64_t code_id;
	int64_t coder_id;
	int64_t start;           /* -1 with end -1: whole vignette */
	int64_t end;
	int mode;                /* enum coding_mode: a set of bits */
	char *memo;
	int64_t repertoire_id;   /* 0 if none */
	char *interpretation;    /* a reading of the repertoire entry or, without
				    one, of the accountability entry */
	int64_t speaker_id;      /* 0: the analyst's gloss; else the participant
				    (present at the vignette) whose reading it is */
	int64_t accountability_id;
	int stance;              /* enum coding_stance, only with accountability */
	idlist participants;
	idlist held_by;          /* only with accountability */
	int needs_review;        /* an edit of the text cut into the span */
	char *uuid;
	char *created;
	char *updated;
} px_coding;

/* "participation", "reification" or "participation,reification"; NULL
 * for MODE_NONE. */
const char *coding_mode_name(int mode);
/* One name, or names joined by commas (repeats allowed): the set; -1 if
 * a name is unknown or the text is empty. */
int coding_mode_parse(const char *s);
const char *coding_stance_name(int stance); /* NULL for STANCE_NONE */
int coding_stance_parse(const char *s);     /* -1 if unknown */

/* Checks the coding against the store: span inside the text and
 * non-empty, ids exist, stance only with accountability, held_by with
 * accountability or under JE/mutual accountability,
 * interpretation only with a register entry, speaker only with an
 * interpretation and present at the vignette. */
int coding_validate(px_db *db, const px_coding *c, px_err *e);
/* 1 if the code is JE/mutual accountability or under it: its codings
 * may name who holds whom (held_by) without naming a norm. */
int coding_under_accountability(px_db *db, int64_t code_id);
/* Validates, inserts, fills c->id, uuid and times. */
int coding_add(px_db *db, px_coding *c, px_err *e);
/* coding_add for a coding coming back (undo, redo): it keeps c->id when
 * no coding holds that id now, else it gets a new one (c->id says which). */
int coding_restore(px_db *db, px_coding *c, px_err *e);
/* coding_add for a caller that resolved every id against the store itself
 * (the importer, from the rows it just wrote or looked up): checks the
 * span against text_length and the field rules, but runs no lookups.
 * Foreign keys still refuse an id that does not exist. */
int coding_add_resolved(px_db *db, px_coding *c, int64_t text_length, px_err *e);
int coding_update(px_db *db, const px_coding *c, px_err *e);
int coding_delete(px_db *db, int64_t id, px_err *e);
int coding_get(px_db *db, int64_t id, px_coding *out, px_err *e);
void coding_free(px_coding *c);
void coding_copy(px_coding *dst, const px_coding *src);

/* Which codings coding_each visits (0 / NULL fields do not filter). */
typedef struct coding_query {
	int64_t vignette_id;
	int64_t code_id;
	int deep;                /* with code_id: include descendants */
	int64_t coder_id;
	int64_t at;              /* with vignette_id: spans covering code point at
				    (whole-vignette codings included); -1 off */
} coding_query;

#define CODING_QUERY_ALL ((coding_query){0, 0, 0, 0, -1})

/* Visits codings ordered by vignette (insertion order), then start, then id;
 * whole-vignette codings first. */
typedef int (*coding_fn)(const px_coding *c, void *ud);
int coding_each(px_db *db, const coding_query *q, coding_fn fn, void *ud, px_err *e);
/* The same walk pulled one coding at a time, for merging it with another
 * walk (an export steps it alongside the vignettes). The cursor owns its
 * statement, so the caller may query between steps. */
typedef struct coding_cursor coding_cursor;
int coding_cursor_open(px_db *db, const coding_query *q, coding_cursor **out, px_err *e);
/* PX_OK with *have 1 and *c filled (free it with coding_free), or *have 0
 * at the end. */
int coding_cursor_next(coding_cursor *cur, px_coding *c, int *have, px_err *e);
void coding_cursor_close(coding_cursor *cur);
int64_t coding_count(px_db *db);
/* Codings on one vignette. */
int64_t coding_count_in(px_db *db, int64_t vignette_id);

#endif
