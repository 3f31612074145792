/* memo.c: analytic notes; see praxis/memo.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/memo.h"
#include "praxis/util.h"

void memo_free(px_memo *m)
{
	free(m->text);
	free(m->uuid);
	free(m->created);
	free(m->updated);
	memset(m, 0, sizeof(*m));
}

int memo_add(px_db *db, px_memo *m, px_err *e)
{
	sqlite3_stmt *st;
	char uuid[37], now[32];
	int rc;

	if (!m->text || !*m->text)
		return px_fail(e, PX_EDATA, "a memo cannot be empty");
	if (m->target < MEMO_PROJECT || m->target > MEMO_PARTICIPANT)
		return px_fail(e, PX_EUSAGE, "bad memo target %d", m->target);
	if (!(st = db_stmt(db, "INSERT INTO memo(target, target_id, coder_id, text, uuid,"
			   " created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)", e)))
		return px_status_of(e);
	if (!m->uuid) {
		util_uuid(uuid);
		m->uuid = xstrdup(uuid);
	}
	util_now_iso(now);
	sqlite3_bind_int(st, 1, m->target);
	sqlite3_bind_int64(st, 2, m->target_id);
	db_bind_id(st, 3, m->coder_id);
	db_bind_text(st, 4, m->text);
	db_bind_text(st, 5, m->uuid);
	db_bind_text(st, 6, m->created ? m->created : now);
	db_bind_text(st, 7, m->updated ? m->updated : now);
	if ((rc = db_step_done(db, st, e, "adding a memo")))
		return rc;
	m->id = sqlite3_last_insert_rowid(db_sqlite(db));
	return PX_OK;
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

int memo_delete(px_db *db, int64_t id, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM memo WHERE id = ?", e);

	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, id);
	return db_step_done(db, st, e, "deleting a memo");
}

int memo_each(px_db *db, int target, int64_t target_id, memo_fn fn, void *ud, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(db, target < 0
		? "SELECT id, target, target_id, coder_id, text, uuid, created, updated"
		  " FROM memo ORDER BY id"
		: "SELECT id, target, target_id, coder_id, text, uuid, created, updated"
		  " FROM memo WHERE target = ?1 AND target_id = ?2 ORDER BY id", e);
	int rc = PX_OK;

	if (!st)
		return px_status_of(e);
	if (target >= 0) {
		sqlite3_bind_int(st, 1, target);
		sqlite3_bind_int64(st, 2, target_id);
	}
	while (db_row(db, st, &rc, e)) {
		px_memo m = { 0 };
		m.id = sqlite3_column_int64(st, 0);
		m.target = sqlite3_column_int(st, 1);
		m.target_id = sqlite3_column_int64(st, 2);
		m.coder_id = db_col_id(st, 3);
		m.text = db_col_strdup(st, 4);
		m.uuid = db_col_strdup(st, 5);
		m.created = db_col_strdup(st, 6);
		m.updated = db_col_strdup(st, 7);
		rc = fn(&m, ud);
		memo_free(&m);
		if (rc)
			break;
	}
	sqlite3_finalize(st);
	return rc;
}
