/* memo_filter.c: which memos a filter keeps, for the memos view and the
 * memos table of `praxis export --format csv`: one definition of what the
 * project's filters mean for a memo (see praxis/memo.h, memo_filter). */
#include <stdlib.h>
#include <string.h>
#include "praxis/browse.h"
#include "praxis/memo.h"
#include "praxis/util.h"

void memo_filter_init(memo_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->on_kind = -1;
	f->with_kind = -1;
}

int memo_filter_targets_active(const memo_filter *f)
{
	return f->participant || f->community || f->code || f->from[0] || f->to[0];
}

/* ?3 participant, ?4 community, ?5 code (with its sub-codes, in sub),
 * ?6 from, ?7 to: a vignette passes when it is at the community, dated in
 * range, the participant is at it or named by a coding there, and it
 * holds a coding under the code. */
#define VIGNETTE_PASSES(vid) \
	" EXISTS (SELECT 1 FROM vignette v WHERE v.id = " vid \
	" AND (?4 IS NULL OR v.community_id = ?4)" \
	" AND (?6 IS NULL OR v.date >= ?6) AND (?7 IS NULL OR v.date <= ?7 || 'T99')" \
	" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM vignette_participant vp" \
	"  WHERE vp.vignette_id = v.id AND vp.participant_id = ?3)" \
	"  OR EXISTS (SELECT 1 FROM coding c3 WHERE c3.vignette_id = v.id AND (" \
	"  EXISTS (SELECT 1 FROM coding_participant cp WHERE cp.coding_id = c3.id" \
	"  AND cp.participant_id = ?3) OR EXISTS (SELECT 1 FROM coding_held_by hb" \
	"  WHERE hb.coding_id = c3.id AND hb.participant_id = ?3))))" \
	" AND (?5 IS NULL OR EXISTS (SELECT 1 FROM coding c4 WHERE c4.vignette_id = v.id" \
	"  AND c4.code_id IN sub)))"

/* A coding (row c) passes when its vignette is at the community and dated
 * in range, it names the participant or the participant is at its
 * vignette, and its code is under the code: the export's coding filter. */
#define CODING_PASSES \
	" EXISTS (SELECT 1 FROM vignette v WHERE v.id = c.vignette_id" \
	" AND (?4 IS NULL OR v.community_id = ?4)" \
	" AND (?6 IS NULL OR v.date >= ?6) AND (?7 IS NULL OR v.date <= ?7 || 'T99'))" \
	" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM vignette_participant vp" \
	"  WHERE vp.vignette_id = c.vignette_id AND vp.participant_id = ?3)" \
	"  OR EXISTS (SELECT 1 FROM coding_participant cp WHERE cp.coding_id = c.id" \
	"  AND cp.participant_id = ?3) OR EXISTS (SELECT 1 FROM coding_held_by hb" \
	"  WHERE hb.coding_id = c.id AND hb.participant_id = ?3))" \
	" AND (?5 IS NULL OR c.code_id IN sub)"

/* ?1 author, ?2 the FTS query, ?8 ?9 one target, ?10 1 when a target
 * filter is on, ?11 a kind among the targets. */
static const char memo_filter_sql[] =
	"WITH RECURSIVE sub(id) AS (SELECT ?5 UNION ALL"
	" SELECT code.id FROM code JOIN sub ON code.parent_id = sub.id)"
	" SELECT m.id FROM memo m WHERE (?1 IS NULL OR m.coder_id = ?1)"
	" AND (?2 IS NULL OR m.id IN (SELECT rowid FROM memo_fts WHERE memo_fts MATCH ?2))"
	" AND (?8 IS NULL OR EXISTS (SELECT 1 FROM memo_target t WHERE t.memo_id = m.id"
	"  AND t.kind = ?8 AND t.target_id = ?9))"
	" AND (?11 IS NULL OR EXISTS (SELECT 1 FROM memo_target t WHERE t.memo_id = m.id"
	"  AND t.kind = ?11))"
	" AND (?10 = 0 OR EXISTS (SELECT 1 FROM memo_target t WHERE t.memo_id = m.id AND ("
	"  (t.kind = 1 AND" VIGNETTE_PASSES("t.target_id") ")"
	"  OR (t.kind = 5 AND EXISTS (SELECT 1 FROM coding c WHERE c.id = t.target_id AND"
	CODING_PASSES "))"
	"  OR (t.kind = 6 AND EXISTS (SELECT 1 FROM coding c WHERE c.repertoire_id = t.target_id"
	"   AND" CODING_PASSES "))"
	"  OR (t.kind = 7 AND EXISTS (SELECT 1 FROM coding c"
	"   WHERE c.accountability_id = t.target_id AND" CODING_PASSES "))"
	/* a code, a participant, a community: only its own filter speaks of it */
	"  OR (t.kind = 2 AND ?3 IS NULL AND ?4 IS NULL AND ?6 IS NULL AND ?7 IS NULL"
	"   AND t.target_id IN sub)"
	"  OR (t.kind = 3 AND ?4 IS NULL AND ?5 IS NULL AND ?6 IS NULL AND ?7 IS NULL"
	"   AND t.target_id = ?3)"
	"  OR (t.kind = 4 AND ?3 IS NULL AND ?5 IS NULL AND ?6 IS NULL AND ?7 IS NULL"
	"   AND t.target_id = ?4))))"
	" ORDER BY m.id";

static void bind_text_or_null(sqlite3_stmt *st, int idx, const char *s)
{
	db_bind_text(st, idx, *s ? s : NULL);
}

static int memo_filter_ids(px_db *db, const memo_filter *f, idlist *ids, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, memo_filter_sql, e);
	char *q = f->search ? browse_fts_query(f->search) : NULL;
	int rc;

	if (!st) {
		free(q);
		return px_status_of(e);
	}
	db_bind_id(st, 1, f->author);
	db_bind_text(st, 2, q);
	db_bind_id(st, 3, f->participant);
	db_bind_id(st, 4, f->community);
	db_bind_id(st, 5, f->code);
	bind_text_or_null(st, 6, f->from);
	bind_text_or_null(st, 7, f->to);
	if (f->on_kind >= 0) {
		sqlite3_bind_int(st, 8, f->on_kind);
		sqlite3_bind_int64(st, 9, f->on_kind == MEMO_PROJECT ? 0 : f->on_id);
	} else {
		sqlite3_bind_null(st, 8);
		sqlite3_bind_null(st, 9);
	}
	sqlite3_bind_int(st, 10, memo_filter_targets_active(f));
	if (f->with_kind >= 0)
		sqlite3_bind_int(st, 11, f->with_kind);
	else
		sqlite3_bind_null(st, 11);
	while (db_row(db, st, &rc, e))
		idl_push(ids, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	free(q);
	return rc;
}

int memo_each_filtered(px_db *db, const memo_filter *f, memo_fn fn, void *ud, px_err *e)
{
	idlist ids = { 0 };
	int rc = memo_filter_ids(db, f, &ids, e);

	for (size_t i = 0; !rc && i < ids.n; i++) {
		px_memo m;
		if (!(rc = memo_get(db, ids.v[i], &m, e)))
			rc = fn(&m, ud);
		memo_free(&m);
	}
	idl_free(&ids);
	return rc;
}
