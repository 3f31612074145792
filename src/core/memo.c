/* memo.c: analytic memos and their targets; see praxis/memo.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/memo.h"
#include "praxis/util.h"

void memo_free(px_memo *m)
{
	free(m->on);
	free(m->title);
	free(m->text);
	free(m->uuid);
	free(m->created);
	free(m->updated);
	memset(m, 0, sizeof(*m));
}

void memo_on_push(px_memo *m, int kind, int64_t id)
{
	m->on = xrealloc(m->on, (m->n_on + 1) * sizeof(*m->on));
	m->on[m->n_on].kind = kind;
	m->on[m->n_on].id = kind == MEMO_PROJECT ? 0 : id;
	m->n_on++;
}

static int memo_add_targets(px_db *db, int64_t memo_id, const px_memo_on *on, size_t n,
			    px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT OR IGNORE INTO memo_target(memo_id, ord, kind,"
				   " target_id) VALUES (?, ?, ?, ?)", e);
	int rc;

	if (!st)
		return px_status_of(e);
	for (size_t i = 0; i < n; i++) {
		if (on[i].kind < MEMO_PROJECT || on[i].kind >= MEMO_TARGET_COUNT)
			return px_fail(e, PX_EUSAGE, "bad memo target %d", on[i].kind);
		sqlite3_bind_int64(st, 1, memo_id);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		sqlite3_bind_int(st, 3, on[i].kind);
		sqlite3_bind_int64(st, 4, on[i].kind == MEMO_PROJECT ? 0 : on[i].id);
		if ((rc = db_step_done(db, st, e, "adding a memo's target")))
			return rc;
	}
	return PX_OK;
}

/* Inserts m under the row id `id` (0: a new one). */
static int memo_insert(px_db *db, px_memo *m, int64_t id, px_err *e)
{
	sqlite3_stmt *st;
	char uuid[37], now[32];
	px_memo_on one = { m->target, m->target_id };
	int rc;

	if (!m->text || !*m->text)
		return px_fail(e, PX_EDATA, "a memo cannot be empty");
	if (m->n_on == 0 && (m->target < MEMO_PROJECT || m->target >= MEMO_TARGET_COUNT))
		return px_fail(e, PX_EUSAGE, "bad memo target %d", m->target);
	if (!(st = db_stmt(db, "INSERT INTO memo(id, coder_id, title, text, uuid, created, updated)"
			   " VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6)", e)))
		return px_status_of(e);
	db_bind_id(st, 7, id);
	if (!m->uuid) {
		util_uuid(uuid);
		m->uuid = xstrdup(uuid);
	}
	util_now_iso(now);
	db_bind_id(st, 1, m->coder_id);
	db_bind_text(st, 2, m->title && *m->title ? m->title : NULL);
	db_bind_text(st, 3, m->text);
	db_bind_text(st, 4, m->uuid);
	db_bind_text(st, 5, m->created ? m->created : now);
	db_bind_text(st, 6, m->updated ? m->updated : m->created ? m->created : now);
	if ((rc = db_step_done(db, st, e, "adding a memo")))
		return rc;
	m->id = sqlite3_last_insert_rowid(db_sqlite(db));
	return m->n_on ? memo_add_targets(db, m->id, m->on, m->n_on, e)
		       : memo_add_targets(db, m->id, &one, 1, e);
}

int memo_add(px_db *db, px_memo *m, px_err *e)
{
	return memo_insert(db, m, 0, e);
}

int memo_restore(px_db *db, px_memo *m, px_err *e)
{
	sqlite3_stmt *st;
	int taken = 1, rc;

	if (m->id > 0) {
		if (!(st = db_stmt(db, "SELECT 1 FROM memo WHERE id = ?", e)))
			return px_status_of(e);
		sqlite3_bind_int64(st, 1, m->id);
		taken = db_row(db, st, &rc, e);
		sqlite3_reset(st);
		if (rc)
			return rc;
	}
	return memo_insert(db, m, taken ? 0 : m->id, e);
}

int memo_update(px_db *db, int64_t id, const char *text, px_err *e)
{
	sqlite3_stmt *st;
	char now[32];

	if (!text || !*text)
		return px_fail(e, PX_EDATA, "a memo cannot be empty");
	if (!(st = db_stmt(db, "UPDATE memo SET text = ?, updated = ? WHERE id = ?", e)))
		return px_status_of(e);
	util_now_iso(now);
	db_bind_text(st, 1, text);
	db_bind_text(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	return db_step_done(db, st, e, "changing a memo");
}

int memo_set_title(px_db *db, int64_t id, const char *title, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE memo SET title = ? WHERE id = ?", e);

	if (!st)
		return px_status_of(e);
	db_bind_text(st, 1, title && *title ? title : NULL);
	sqlite3_bind_int64(st, 2, id);
	return db_step_done(db, st, e, "changing a memo's title");
}

int memo_delete(px_db *db, int64_t id, px_err *e)
{
	return db_run_id(db, "DELETE FROM memo WHERE id = ?", id, "deleting a memo", e);
}

int memo_coding_ids(px_db *db, int64_t vignette_id, idlist *ids, px_err *e)
{
	return db_collect_ids(db, "SELECT DISTINCT t.target_id FROM memo_target t JOIN coding c"
			      " ON c.id = t.target_id WHERE t.kind = 5 AND c.vignette_id = ?1"
			      " ORDER BY 1", vignette_id, ids, e) ? px_status_of(e) : PX_OK;
}

int memo_find_uuid(px_db *db, const char *uuid, int64_t *id, px_err *e)
{
	return db_lookup_text(db, "SELECT id FROM memo WHERE uuid = ?", uuid, id, e);
}

static int memo_read_targets(px_db *db, px_memo *m, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT kind, target_id FROM memo_target"
				   " WHERE memo_id = ? ORDER BY ord, kind, target_id", e);
	int rc;

	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, m->id);
	while (db_row(db, st, &rc, e))
		memo_on_push(m, sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1));
	sqlite3_reset(st);
	if (!rc && m->n_on) {
		m->target = m->on[0].kind;
		m->target_id = m->on[0].id;
	}
	return rc;
}

#define MEMO_COLUMNS "SELECT id, coder_id, title, text, uuid, created, updated FROM memo"

static void memo_read_row(sqlite3_stmt *st, px_memo *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->coder_id = db_col_id(st, 1);
	m->title = db_col_strdup(st, 2);
	m->text = db_col_strdup(st, 3);
	m->uuid = db_col_strdup(st, 4);
	m->created = db_col_strdup(st, 5);
	m->updated = db_col_strdup(st, 6);
}

int memo_get(px_db *db, int64_t id, px_memo *out, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, MEMO_COLUMNS " WHERE id = ?", e);
	int rc, found = 0;

	memset(out, 0, sizeof(*out));
	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, id);
	while (db_row(db, st, &rc, e)) {
		memo_read_row(st, out);
		found = 1;
	}
	sqlite3_reset(st);
	if (rc)
		return rc;
	if (!found)
		return px_fail(e, PX_ENOTFOUND, "no memo %lld", (long long)id);
	return memo_read_targets(db, out, e);
}

int memo_each(px_db *db, int target, int64_t target_id, memo_fn fn, void *ud, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(db, target < 0
		? MEMO_COLUMNS " ORDER BY id"
		: MEMO_COLUMNS " WHERE id IN (SELECT memo_id FROM memo_target WHERE kind = ?1"
		  " AND target_id = ?2) ORDER BY id", e);
	int rc = PX_OK;

	if (!st)
		return px_status_of(e);
	if (target >= 0) {
		sqlite3_bind_int(st, 1, target);
		sqlite3_bind_int64(st, 2, target == MEMO_PROJECT ? 0 : target_id);
	}
	while (db_row(db, st, &rc, e)) {
		px_memo m = { 0 };
		memo_read_row(st, &m);
		if (!(rc = memo_read_targets(db, &m, e)))
			rc = fn(&m, ud);
		memo_free(&m);
		if (rc)
			break;
	}
	sqlite3_finalize(st);
	return rc;
}
