/* undo.h: undo and redo of every change made in the interface.
 *
 * A step groups the changes of one user action. Coding changes are
 * recorded from the store's listener events (before/after snapshots);
 * code, participant and vignette changes are recorded by the caller with
 * undo_record_*. Undoing a step applies the inverse changes in one
 * transaction; a coding re-created by an undo keeps its id when it is
 * free, other rows re-created get new ids, which are
 * rewritten through the rest of the history. Merging and deleting codes
 * (which the store reports only as DB_EV_RESET) are recorded by the
 * caller as a snapshot of the code's subtree and its codings; any other
 * DB_EV_RESET ends the history there. Memos moved by a merge stay on the
 * code merged into. */
#ifndef PRAXIS_UNDO_H
#define PRAXIS_UNDO_H

#include <stddef.h>
#include <stdint.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/db.h"
#include "praxis/entity.h"
#include "praxis/participant.h"
#include "praxis/vignette.h"

enum undo_kind {
	UNDO_CODING,             /* before/after snapshot (either may be empty) */
	UNDO_CODE_ADD,           /* id, parent, name */
	UNDO_CODE_RENAME,        /* id, old name, new name */
	UNDO_CODE_MOVE,          /* id, old parent, new parent */
	UNDO_CODE_DESCRIBE,      /* id, old, new description */
	UNDO_CODE_COLOR,         /* id, old, new color */
	UNDO_VIGNETTE,           /* vignette snapshots (either may be absent) */
	UNDO_PARTICIPANT,        /* participant snapshots (either may be absent) */
	UNDO_CODE_DELETE,        /* id, c_before: the subtree and its codings */
	UNDO_CODE_MERGE,         /* id merged into i_after, c_before as for delete */
	UNDO_MEMO,               /* memo snapshots (either may be absent) */
	UNDO_REGISTER            /* register entry snapshots (either may be absent) */
};

/* A repertoire or accountability entry as it was, with the memos on it;
 * into: the entry it is merged into when this snapshot's entry goes. */
struct undo_rsnap {
	int kind;                /* ENT_REPERTOIRE or ENT_ACCOUNTABILITY */
	px_entity ent;
	struct px_memo *memos;
	size_t nmemos;
	int64_t into;
};

/* A code's subtree (pre-order, the code first) and every coding on it. */
struct undo_csnap {
	px_code *codes;
	size_t ncodes;
	px_coding *codings;
	size_t n;
};

/* A vignette as it was: its row and its codings. */
struct undo_vsnap {
	px_vignette v;
	px_coding *codings;
	size_t n;
};

struct undo_op {
	int kind;
	int has_before, has_after;
	px_coding before, after;
	int64_t id, i_before, i_after;
	char *s_before, *s_after;
	struct undo_vsnap *v_before, *v_after;
	px_participant *p_before, *p_after;
	struct undo_csnap *c_before;
	struct px_memo *m_before, *m_after;
	struct undo_rsnap *r_before, *r_after;
};

struct undo_step {
	char *label;
	struct undo_op *ops;
	size_t n;
};

struct undo {
	px_db *db;
	struct undo_step *steps;
	size_t n, cap, pos;      /* steps[0..pos) can be undone, [pos..n) redone */
	struct undo_step cur;
	int recording, applying, broken;
	int quiet;               /* the caller records this change itself */
};

void undo_init(struct undo *u, px_db *db);
void undo_free(struct undo *u);
/* Starts a step; coding events until undo_end belong to it. */
void undo_begin(struct undo *u, const char *label);
/* Ends the step (kept if it recorded anything). */
void undo_end(struct undo *u);
void undo_record(struct undo *u, int kind, int64_t id, int64_t i_before, int64_t i_after,
		 const char *s_before, const char *s_after);
/* Vignette and participant changes, recorded by the caller as snapshots
 * of before and after (NULL when absent: an add has no before, a delete
 * no after); the undo takes ownership. Set u->quiet around the store call
 * so the codings it moves and the reset it reports are not recorded (the
 * snapshots hold them). */
struct undo_vsnap *undo_vsnap_load(px_db *db, int64_t vignette_id, px_err *e);
void undo_vsnap_free(struct undo_vsnap *s);
void undo_record_vignette(struct undo *u, struct undo_vsnap *before, struct undo_vsnap *after);
px_participant *undo_psnap_load(px_db *db, int64_t participant_id, px_err *e);
void undo_record_participant(struct undo *u, px_participant *before, px_participant *after);
/* Memo changes, as snapshots of before and after (NULL when absent); the
 * undo takes ownership. A memo is found again by its uuid, so one
 * re-created by an undo keeps its identity. */
struct px_memo *undo_msnap_load(px_db *db, int64_t memo_id, px_err *e);
void undo_record_memo(struct undo *u, struct px_memo *before, struct px_memo *after);
/* Register entry changes (praxis/regentry.h), as snapshots of before and
 * after (NULL when absent); the undo takes ownership. The codings a merge
 * or delete rewrites are recorded from their own events, in the same step:
 * record the entry's snapshot after the store call. An entry re-created
 * keeps its row id (the history's codings name it). */
struct undo_rsnap *undo_rsnap_load(px_db *db, int kind, int64_t id, px_err *e);
void undo_rsnap_free(struct undo_rsnap *s);
void undo_record_register(struct undo *u, struct undo_rsnap *before, struct undo_rsnap *after);
/* Code delete and merge: snapshot the subtree of code_id before the store
 * call (with u->quiet set around it), then record it; the undo takes
 * ownership. into is the code merged into (0 for a delete). */
struct undo_csnap *undo_csnap_load(px_db *db, int64_t code_id, px_err *e);
void undo_csnap_free(struct undo_csnap *s);
void undo_record_code_tree(struct undo *u, int kind, int64_t code_id, int64_t into,
			   struct undo_csnap *before);
/* 0 and the step's label (static until the next call), PX_ENOTFOUND if
 * there is nothing to undo / redo. */
int undo_undo(struct undo *u, const char **label, px_err *e);
int undo_redo(struct undo *u, const char **label, px_err *e);

#endif
