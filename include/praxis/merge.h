/* merge.h: bringing another coder's copy of the project into this one.
 *
 * The other database is opened read-only (and so refused if it is missing,
 * not a praxis database, or of a newer schema). Everything is written in
 * one transaction: on any error nothing is written.
 *
 * Matching:
 *   - coders, communities, repertoire and accountability entries by their
 *     corpus id; missing ones are added (this side wins where both exist);
 *   - codes by path; missing codes are created, and a description or color
 *     this side lacks is taken from the other;
 *   - participants by id; missing ones are added with attributes and
 *     aliases (an existing one is kept as it is here);
 *   - vignettes by id; a missing one is copied with its participants. One
 *     whose text differs here is a conflict: reported, and none of its
 *     codings merged;
 *   - memos by uuid (merging twice is merging once), on the same targets
 *     found here by code path, corpus id or coding uuid;
 *   - codings by uuid (so merging twice is merging once), and an identical
 *     coding (same vignette, code, coder and span) with another uuid is
 *     skipped too. */
#ifndef PRAXIS_MERGE_H
#define PRAXIS_MERGE_H

#include <stdint.h>
#include "praxis/db.h"
#include "praxis/util.h"

enum merge_kind {
	MERGE_CODERS, MERGE_COMMUNITIES, MERGE_REPERTOIRE, MERGE_ACCOUNTABILITY,
	MERGE_CODES, MERGE_PARTICIPANTS, MERGE_VIGNETTES, MERGE_MEMOS, MERGE_CODINGS,
	MERGE_KIND_COUNT
};

typedef struct merge_report {
	int64_t added[MERGE_KIND_COUNT];
	int64_t skipped[MERGE_KIND_COUNT];   /* already here (matched) */
	int64_t conflicts[MERGE_KIND_COUNT]; /* vignettes: text differs */
	strlist conflict_ids;   /* the conflicting vignettes' ids */
	int64_t codings_held;   /* codings not merged because of a conflict */
} merge_report;

/* "coders", "communities", ... "codings". */
const char *merge_kind_name(int kind);

/* Merges the database at other_path into db. */
int merge_from(px_db *db, const char *other_path, merge_report *r, px_err *e);
void merge_report_free(merge_report *r);

#endif
