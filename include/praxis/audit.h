/* audit.h: the audit trail: every change to the codebook (add, rename,
 * move, merge, delete, describe), every negotiation decision and every
 * edit of a vignette's text, with its time, coder and a description.
 *
 * The core functions that make those changes record them (audit_record),
 * under the coder the connection acts for (db_set_actor), inside the same
 * transaction: a change rolled back leaves no entry. The trail travels in
 * the corpus YAML (log:) and in merges, entries matched by uuid. */
#ifndef PRAXIS_AUDIT_H
#define PRAXIS_AUDIT_H

#include <stdint.h>
#include "praxis/db.h"

typedef struct px_audit {
	int64_t id;
	char *time;              /* UTC, 2026-05-01T09:30:00Z */
	int64_t coder_id;        /* 0: none */
	char *action;            /* code-add, code-rename, ..., negotiate, text-edit */
	char *description;
	char *uuid;
} px_audit;

/* Records one change made now by the actor; nothing while paused. */
int audit_record(px_db *db, const char *action, px_err *e, const char *fmt, ...)
	PX_PRINTF(4, 5);
/* Adds an entry from elsewhere (a corpus, another copy) as it is; time,
 * action and description required, uuid and time made when NULL. An entry
 * whose uuid is already here is skipped (*added 0). */
int audit_add(px_db *db, px_audit *a, int *added, px_err *e);

/* Entries in time order (then as recorded); since: NULL, or only those at
 * or after it (a date YYYY-MM-DD or a time). */
typedef int (*audit_fn)(const px_audit *a, void *ud);
int audit_each(px_db *db, const char *since, audit_fn fn, void *ud, px_err *e);
int64_t audit_count(px_db *db);
void audit_free(px_audit *a);

#endif
