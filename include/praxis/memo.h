/* memo.h: the researcher's analytic memos. A memo has an author, times, an
 * optional title and a text, and is attached to one or more targets: the
 * project, a vignette, a code, a participant, a community, a coding, a
 * repertoire or an accountability entry. (A coding's own one-line memo
 * stays a field of the coding; memos here are the longer analytic notes.) */
#ifndef PRAXIS_MEMO_H
#define PRAXIS_MEMO_H

#include <stdint.h>
#include "praxis/db.h"
#include "praxis/names.h"

/* Stored in memo_target.kind: never renumber. */
enum memo_target {
	MEMO_PROJECT = 0, MEMO_VIGNETTE, MEMO_CODE, MEMO_PARTICIPANT, MEMO_COMMUNITY,
	MEMO_CODING, MEMO_REPERTOIRE, MEMO_ACCOUNTABILITY, MEMO_TARGET_COUNT
};

typedef struct px_memo_on {
	int kind;            /* enum memo_target */
	int64_t id;          /* row id; 0 for the project */
} px_memo_on;

typedef struct px_memo {
	int64_t id;
	/* The targets, in order. memo_add with n_on == 0 takes the one target
	 * (target, target_id); memo_each fills both (target = on[0]). */
	px_memo_on *on;
	size_t n_on;
	int target;
	int64_t target_id;
	int64_t coder_id;    /* 0 if unknown */
	char *title;         /* NULL if none */
	char *text;
	char *uuid;
	char *created;
	char *updated;
} px_memo;

void memo_on_push(px_memo *m, int kind, int64_t id);
int memo_add(px_db *db, px_memo *m, px_err *e);
/* Adds a deleted memo back (an undo) under its old row id m->id when no
 * memo holds that id now, so that the id `praxis memo list` showed, which
 * `memo edit` and `memo rm` take, stays the memo's; else under a new id
 * (m->id is set either way). */
int memo_restore(px_db *db, px_memo *m, px_err *e);
int memo_update(px_db *db, int64_t id, const char *text, px_err *e);
int memo_set_title(px_db *db, int64_t id, const char *title, px_err *e);
int memo_delete(px_db *db, int64_t id, px_err *e);
int memo_get(px_db *db, int64_t id, px_memo *out, px_err *e);
/* The codings of the vignette that carry memos (the reader's marks). */
int memo_coding_ids(px_db *db, int64_t vignette_id, idlist *ids, px_err *e);
/* 1 and the id when a memo with this uuid exists, 0 when not, <0 on error. */
int memo_find_uuid(px_db *db, const char *uuid, int64_t *id, px_err *e);
typedef int (*memo_fn)(const px_memo *m, void *ud);
/* Memos with (target, target_id) among their targets, in insertion order;
 * target -1 visits every memo. */
int memo_each(px_db *db, int target, int64_t target_id, memo_fn fn, void *ud, px_err *e);
void memo_free(px_memo *m);

/* ---- memos by filter (memo_filter.c) ----
 * The project's filters, read for memos (the memos view and `praxis
 * export --format csv --table memos`): the coder is the memo's author;
 * the search words must match its title or text (FTS5); participant, community,
 * code and dates (the target filters) keep a memo when one of its targets
 * passes every one of them that is set:
 *   vignette: at the community, dated in range, the participant at it (or
 *     named by a coding there), holding a coding under the code;
 *   coding: its vignette at the community and in range, naming the
 *     participant (or at a vignette they are at), its code under the code;
 *   repertoire or accountability entry: a coding that passes carries it;
 *   code: in the code's subtree (only the code filter speaks of codes);
 *   participant: is the participant (only the participant filter);
 *   community: is the community (only the community filter);
 *   project: never (a project memo is about the whole project).
 * With no target filter on, every memo passes them. */
typedef struct memo_filter {
	int64_t author;          /* coder row id; 0: any */
	const char *search;      /* words, each must match; NULL or "": off */
	int on_kind;             /* -1: off; else only memos on (on_kind, on_id) */
	int64_t on_id;
	int with_kind;           /* -1: off; else memos with a target of this kind */
	int64_t participant, community;  /* row ids; 0: off */
	int64_t code;            /* with its sub-codes; 0: off */
	char from[16], to[16];   /* YYYY-MM-DD inclusive; "": off */
} memo_filter;

/* Every part off. */
void memo_filter_init(memo_filter *f);
/* 1 if a target filter (participant, community, code, dates) is on. */
int memo_filter_targets_active(const memo_filter *f);
/* The memos passing f, by id; a bad search is an error. */
int memo_each_filtered(px_db *db, const memo_filter *f, memo_fn fn, void *ud, px_err *e);

/* ---- targets by name (memo_target.c) ---- */
/* "project", "vignette", ... for a kind; NULL if out of range. */
const char *memo_kind_name(int kind);
/* Parses KIND:ID ("code:SR/tools", "vignette:v03", "coding:UUID-or-row-id",
 * "project") into a target that exists; PX_EDATA/PX_ENOTFOUND otherwise. */
int memo_target_parse(px_db *db, const char *spec, px_memo_on *out, px_err *e);
/* "KIND:ID" for a target (a coding by its uuid), allocated. */
char *memo_target_label(px_db *db, const px_names *nm, const px_memo_on *on);
/* All of m's targets as labels joined by sep, allocated. */
char *memo_targets_joined(px_db *db, const px_names *nm, const px_memo *m, const char *sep);

#endif
