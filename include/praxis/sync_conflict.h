/* sync_conflict.h: what a sync's merge could not settle alone, waiting for
 * a decision (issue 20).
 *
 * praxis merge-file writes a conflict into the merged file (`conflicts:`,
 * CORPUS-FORMAT.md) and the import of the merged tree stores it here. A
 * conflict names the two sides by what they kept:
 *   - coding:  both sides edited one coding differently; both versions are
 *              kept, ours under the coding's uuid, theirs under a new one;
 *   - deleted: one side deleted a coding the other edited; the edited one
 *              is kept and the deleting side's uuid is empty;
 *   - text:    both sides edited a vignette's text where the edits overlap;
 *              ours is kept and theirs is in theirs_text;
 *   - field:   both sides changed one field of a row (a participant, a
 *              code, a memo, a vignette's title); ours is kept, theirs is
 *              in theirs_text as "key: value" and ours holds the field's
 *              path in the tree (treemerge_set_field).
 * Deciding applies the choice (keeps one version, both, or theirs' text)
 * and removes the conflict, in one transaction. A field decided for
 * theirs goes through the tree: sync_decide (sync.h). */
#ifndef PRAXIS_SYNC_CONFLICT_H
#define PRAXIS_SYNC_CONFLICT_H

#include <stdint.h>
#include "praxis/db.h"

typedef struct sync_conflict {
	int64_t id;
	char *uuid;
	char *kind;          /* coding, deleted, text, field */
	char *vignette;      /* the vignette's corpus id; NULL for project rows */
	char *ours, *theirs; /* coding uuids (NULL: that side deleted it);
				field: ours is the field's path */
	char *theirs_text;   /* text: their version; field: "key: value" */
	char *description;   /* one line for a person */
	char *created;
} sync_conflict;

enum sync_side { SYNC_OURS, SYNC_THEIRS, SYNC_BOTH };

/* 1 if kind is one of the four above. */
int sync_conflict_kind_valid(const char *kind);
/* "ours", "theirs", "both" -> enum sync_side; -1 otherwise. */
int sync_side_parse(const char *s);

/* Adds c (uuid and created filled when NULL); one already held (by uuid)
 * is kept once. */
int sync_conflict_add(px_db *db, sync_conflict *c, px_err *e);
typedef int (*sync_conflict_fn)(const sync_conflict *c, void *ud);
/* Every conflict, or those of one vignette (vignette non-NULL), or with
 * vignette "" those of no vignette; in the order they were recorded. */
int sync_conflict_each(px_db *db, const char *vignette, sync_conflict_fn fn, void *ud,
		       px_err *e);
int sync_conflict_count(px_db *db, int64_t *n, px_err *e);
int sync_conflict_get(px_db *db, int64_t id, sync_conflict *out, px_err *e);
/* Applies side to conflict id and removes it, in one transaction. both is
 * refused for a text or field conflict (one value is kept); theirs for a
 * field is refused here (sync_decide applies it). */
int sync_conflict_decide(px_db *db, int64_t id, int side, px_err *e);
/* Removes every conflict (an import of a whole tree brings its own). */
int sync_conflict_clear(px_db *db, px_err *e);
void sync_conflict_free(sync_conflict *c);
void sync_conflict_copy(sync_conflict *dst, const sync_conflict *src);

#endif
